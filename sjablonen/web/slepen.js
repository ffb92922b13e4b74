/* Slepen en neerzetten, en "bezig" na het verzenden: alleen een aanvulling. Zonder JavaScript
   werkt het formulier net zo (de knop Bestanden kiezen en een gewone verzending). De teksten
   staan in de HTML (data-...), niet hier. */
(function () {
  "use strict";

  function toonGekozen(invoer, lijst) {
    while (lijst.firstChild) { lijst.removeChild(lijst.firstChild); }
    Array.prototype.forEach.call(invoer.files || [], function (bestand) {
      var regel = document.createElement("li");
      regel.textContent = bestand.name;
      lijst.appendChild(regel);
    });
  }

  document.querySelectorAll("[data-sleepvak]").forEach(function (vak) {
    var invoer = vak.querySelector("input[type=file]");
    var lijst = vak.querySelector("[data-gekozen]");
    var uitleg = vak.querySelector(".sleep-uitleg");
    var sleepvak = vak.querySelector(".sleepvak");
    if (!invoer || !sleepvak || typeof DataTransfer === "undefined") { return; }
    if (uitleg) { uitleg.hidden = false; }
    ["dragenter", "dragover"].forEach(function (soort) {
      sleepvak.addEventListener(soort, function (e) { e.preventDefault(); sleepvak.classList.add("erboven"); });
    });
    ["dragleave", "drop"].forEach(function (soort) {
      sleepvak.addEventListener(soort, function () { sleepvak.classList.remove("erboven"); });
    });
    sleepvak.addEventListener("drop", function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length) {
        invoer.files = e.dataTransfer.files;
        if (lijst) { toonGekozen(invoer, lijst); }
      }
    });
    invoer.addEventListener("change", function () { if (lijst) { toonGekozen(invoer, lijst); } });
  });

  // Back to a page from the browser's history: the button works again
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-bezig] button[aria-disabled]").forEach(function (knop) {
      knop.removeAttribute("aria-disabled");
      if (knop.dataset.tekst) { knop.textContent = knop.dataset.tekst; }
    });
  });

  document.querySelectorAll("form[data-bezig]").forEach(function (formulier) {
    formulier.addEventListener("submit", function (e) {
      var knop = formulier.querySelector("button[type=submit]");
      if (!knop) { return; }
      if (knop.getAttribute("aria-disabled") === "true") { e.preventDefault(); return; }
      knop.setAttribute("aria-disabled", "true");
      knop.dataset.tekst = knop.textContent;
      knop.textContent = knop.getAttribute("data-bezig-tekst") || knop.textContent;
    });
  });
}());
