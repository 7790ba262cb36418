// Generates, from the repository's single sources of truth, what a TypeScript service needs to speak
// FinFlow events:
//   types/<eventType>.d.ts  one interface per schema version (schemas/<eventType>/vN.json) and an alias
//                           for the newest, e.g. TransactionEventV1, TransactionEventV2, TransactionEvent
//   types/index.d.ts        FinFlowEvent (union), EventTypes (event type -> event), TopicEvents (topic -> event)
//   catalog.json            per topic of config/topics.yaml: event type, key field, cleanup policy, the
//                           topic's compression.type and the schema versions (what finflow-kafka.js needs)
// With json-schema-to-typescript (pinned in package.json), so the output only changes when a schema does.
//
// Usage: node generate-types.js            writes the files
//        node generate-types.js --check    writes nothing; exits 1 and names every file that differs
//                                          (a schema changed and the types were not regenerated)
//        --root DIR  read schemas/ and config/topics.yaml under DIR instead of this repository's root
//        --out DIR   the generated files' folder instead of this one (types/ and catalog.json)
const fs = require('fs');
const path = require('path');
const yaml = require('js-yaml');
const { compile } = require('json-schema-to-typescript');

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? path.resolve(process.argv[i + 1]) : fallback;
}

const ROOT = option('--root', path.resolve(__dirname, '..', '..'));
const HERE = option('--out', __dirname);
const SCHEMAS = path.join(ROOT, 'schemas');
const CATALOG = path.join(ROOT, 'config', 'topics.yaml');
const TYPES = path.join(HERE, 'types');
const REGENERATE = '(cd interop/kafkajs && npm run generate)';

function pascal(eventType) {
  return eventType.split(/[-_]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function banner(from) {
  return `// Generated from ${from} by interop/kafkajs/generate-types.js: do not edit.\n`
    + `// Regenerate with: ${REGENERATE}\n`;
}

async function eventTypeFile(eventType, versions) {
  const base = `${pascal(eventType)}Event`;
  const parts = [banner(versions.map((v) => `schemas/${eventType}/v${v}.json`).join(', '))];
  for (const version of versions) {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, eventType, `v${version}.json`), 'utf8'));
    // The interface is named after the type and version, not after the schema's free-text title.
    schema.title = `${base}V${version}`;
    parts.push(await compile(schema, schema.title, { bannerComment: '', additionalProperties: false }));
  }
  const newest = versions[versions.length - 1];
  parts.push(`/** The newest version of the ${eventType} event: what a producer writes today. */\n`
    + `export type ${base} = ${base}V${newest};\n`);
  return parts.join('\n');
}

function indexFile(eventTypes, topics) {
  const lines = [banner('schemas/index.json and config/topics.yaml')];
  for (const t of eventTypes) {
    lines.push(`export * from './${t}';`);
  }
  lines.push('');
  for (const t of eventTypes) {
    lines.push(`import type { ${pascal(t)}Event } from './${t}';`);
  }
  lines.push('', '/** Any FinFlow event, newest schema version of each type. */');
  lines.push(`export type FinFlowEvent =\n${eventTypes.map((t) => `  | ${pascal(t)}Event`).join('\n')};`);
  lines.push('', '/** Event type name (ce_type io.finflow.<name>, schemas/<name>/) to its event. */');
  lines.push('export interface EventTypes {');
  for (const t of eventTypes) {
    lines.push(`  ${JSON.stringify(t)}: ${pascal(t)}Event;`);
  }
  lines.push('}', '', '/** Catalog topic (config/topics.yaml) to the event it carries. */');
  lines.push('export interface TopicEvents {');
  for (const [name, spec] of Object.entries(topics)) {
    lines.push(`  ${JSON.stringify(name)}: ${pascal(spec.eventType)}Event;`);
  }
  lines.push('}', '', '/** The name of a FinFlow event topic. */', 'export type FinFlowTopic = keyof TopicEvents;', '');
  return lines.join('\n');
}

function catalogFile(index, catalog) {
  const topics = {};
  for (const t of catalog.topics) {
    const versions = index.eventTypes[t.eventType];
    if (!versions) {
      throw new Error(`topic ${t.name} carries '${t.eventType}' events, which schemas/index.json does not list`);
    }
    topics[t.name] = {
      eventType: t.eventType,
      key: t.key,
      cleanupPolicy: t.cleanupPolicy || 'delete',
      compression: (t.configs && t.configs['compression.type']) || null,
      schemaVersions: versions,
    };
  }
  return {
    $comment: 'Generated from config/topics.yaml and schemas/index.json by interop/kafkajs/generate-types.js: '
      + `do not edit. Regenerate with: ${REGENERATE}`,
    topics,
  };
}

async function generate() {
  const index = JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'index.json'), 'utf8'));
  const catalog = yaml.load(fs.readFileSync(CATALOG, 'utf8'));
  const eventTypes = Object.keys(index.eventTypes).sort();
  const files = new Map();
  for (const t of eventTypes) {
    const versions = [...index.eventTypes[t]].sort((a, b) => a - b);
    files.set(path.join(TYPES, `${t}.d.ts`), await eventTypeFile(t, versions));
  }
  const catalogJson = catalogFile(index, catalog);
  files.set(path.join(TYPES, 'index.d.ts'), indexFile(eventTypes, catalogJson.topics));
  files.set(path.join(HERE, 'catalog.json'), `${JSON.stringify(catalogJson, null, 2)}\n`);
  return files;
}

function firstDifference(expected, actual) {
  const e = expected.split('\n');
  const a = actual.split('\n');
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) {
      return `line ${i + 1}: expected ${JSON.stringify(e[i] ?? '<end of file>')}, `
        + `committed ${JSON.stringify(a[i] ?? '<end of file>')}`;
    }
  }
  return 'identical';
}

async function main() {
  const check = process.argv.includes('--check');
  const files = await generate();
  const stale = fs.existsSync(TYPES)
    ? fs.readdirSync(TYPES).map((f) => path.join(TYPES, f)).filter((f) => !files.has(f))
    : [];
  if (!check) {
    fs.mkdirSync(TYPES, { recursive: true });
    stale.forEach((f) => fs.unlinkSync(f));
    for (const [file, text] of files) {
      fs.writeFileSync(file, text);
    }
    console.log(`generated ${files.size} files from schemas/ and config/topics.yaml`);
    return;
  }
  const problems = [];
  for (const [file, text] of files) {
    const rel = path.relative(HERE, file);
    if (!fs.existsSync(file)) {
      problems.push(`${rel}: missing`);
    } else {
      const committed = fs.readFileSync(file, 'utf8');
      if (committed !== text) {
        problems.push(`${rel}: differs from the schemas, ${firstDifference(text, committed)}`);
      }
    }
  }
  stale.forEach((f) => problems.push(`${path.relative(HERE, f)}: no schema generates it any more`));
  if (problems.length) {
    console.error(`TypeScript types in ${HERE} are out of date with schemas/ or config/topics.yaml:\n  ${problems.join('\n  ')}\n`
      + `Regenerate and commit them: ${REGENERATE}`);
    process.exit(1);
  }
  console.log(`TypeScript types up to date: ${files.size} files`);
}

main().catch((e) => {
  console.error(`generate-types failed: ${e.stack || e.message}`);
  process.exit(2);
});
