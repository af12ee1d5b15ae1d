import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

// Relative to the working directory (the project root for npm scripts, Next and tests): Next's server bundle has
// no import.meta.dirname to anchor on.
export const TEMPLATES_DIR = path.resolve(process.env.STACKDECK_TEMPLATES_DIR ?? "infra-templates");

export interface TemplateFile {
  name: string; // file name without extension: the template's name in the catalog
  file: string; // path relative to the repository, for messages
  body: string;
  sha256: string;
}

const TEMPLATE_FILE = /^([a-z][a-z0-9-]*)\.(ya?ml|json)$/;

/** The template sources on disk (not the environment profiles in infra-templates/environments/). */
export async function readTemplateFiles(dir = TEMPLATES_DIR): Promise<TemplateFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && TEMPLATE_FILE.test(e.name)).map((e) => e.name).sort();
  return Promise.all(
    files.map(async (fileName) => {
      const body = await readFile(path.join(dir, fileName), "utf8");
      return {
        name: TEMPLATE_FILE.exec(fileName)![1]!,
        file: path.join(path.basename(dir), fileName),
        body,
        sha256: createHash("sha256").update(body).digest("hex"),
      };
    }),
  );
}
