// The Open XML validator as a service for one test process: @ooxml-tools/validate loaded once
// (its .NET runtime takes some four seconds to start), then every file named on a line of
// standard input validated as `ooxml-validate FILE --of json` does (the same function, the
// format from the file name, Microsoft365), answered with one line: "antwoord " and the JSON of
// {"pad": the file, "fouten": the list of errors} or {"pad": …, "fout": why it could not be
// validated, also for a file of no known format} (any other line is the runtime's own).
// Run as `node ooxml_dienst.mjs PATH/TO/@ooxml-tools/validate/dist/npm/index.js`.
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";

const validator = await import(pathToFileURL(process.argv[2]).href);
const validate = validator.default;

for await (const pad of createInterface({ input: process.stdin })) {
  const antwoord = { pad };
  try {
    const soort = validator.getFileFormatFromName(pad);
    if (!soort) throw new Error("geen .docx, .pptx of .xlsx");
    antwoord.fouten = await validate(await readFile(pad), soort, "Microsoft365");
  } catch (fout) {
    antwoord.fout = String(fout);
  }
  process.stdout.write("antwoord " + JSON.stringify(antwoord) + "\n");
}
process.exit(0); // the .NET runtime keeps timers that would hold node open
