// Parses a peta Mermaid export with Mermaid itself (headless, under jsdom) and prints each
// task as `id start end crit milestone` (dates as Mermaid computed them, UTC), so the Rust
// test can compare them with peta's schedule. Exit 1 with the parser's message on failure.
// Usage: PETA_MERMAID_DIR=/path/with/node_modules node mermaid_check.mjs FILE
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const base = process.env.PETA_MERMAID_DIR || '/opt/peta-consumers/mermaid';
const modules = join(base, 'node_modules');
const jsdom = (await import(pathToFileURL(join(modules, 'jsdom/lib/api.js')))).default;
const dom = new jsdom.JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const mermaid = (await import(pathToFileURL(join(modules, 'mermaid/dist/mermaid.core.mjs')))).default;
mermaid.initialize({ startOnLoad: false });

const fenced = readFileSync(process.argv[2], 'utf8');
const match = fenced.match(/^```mermaid\n([\s\S]*)```\n$/);
if (!match) {
  console.error('not one fenced mermaid block');
  process.exit(1);
}
try {
  await mermaid.parse(match[1]);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(match[1]);
  const day = (d) => d.toISOString().slice(0, 10);
  for (const task of diagram.db.getTasks()) {
    console.log(
      [task.id, day(task.startTime), day(task.endTime), task.section, !!task.crit, !!task.milestone].join('\t'),
    );
  }
} catch (error) {
  console.error(`mermaid: ${error.message}`);
  process.exit(1);
}
