#!/usr/bin/env node
/**
 * API.md documents this library, not aws-cdk-lib. jsii-docgen repeats every member a class inherits: SecureFunction
 * alone would carry about a thousand lines of `lambda.Function`'s methods, statics and properties, the same for each
 * Secure* construct that extends an aws-cdk-lib L2. This step, run after jsii-docgen by the `docgen` task, keeps each
 * class's own members (those the .jsii manifest declares on it, overrides included) and replaces the inherited ones
 * with one line naming the base class and linking to its reference. Interfaces are left whole: a struct's inherited
 * properties are part of what a user passes.
 *
 * Usage: node scripts/collapse-inherited-api.js [API.md] [.jsii]
 */
const fs = require('fs');

const apiPath = process.argv[2] ?? 'API.md';
const manifest = JSON.parse(fs.readFileSync(process.argv[3] ?? '.jsii', 'utf-8'));
const lines = fs.readFileSync(apiPath, 'utf-8').split('\n');

/** The members a class declares itself, and its first base outside this library. */
function ownMembers(fqn) {
  const names = new Set();
  let type = manifest.types[fqn];
  while (type) {
    for (const m of type.methods ?? []) names.add(m.name);
    for (const p of type.properties ?? []) names.add(p.name);
    if (!type.base || !manifest.types[type.base]) return { names, base: type.base };
    type = manifest.types[type.base];
  }
  return { names, base: undefined };
}

/** aws-cdk-lib.aws_lambda.Function -> its page in the AWS CDK API reference. */
function referenceUrl(base) {
  if (base.startsWith('aws-cdk-lib.')) return `https://docs.aws.amazon.com/cdk/api/v2/docs/${base}.html`;
  if (base.startsWith('constructs.')) return 'https://docs.aws.amazon.com/cdk/api/v2/docs/constructs.Construct.html';
  return undefined;
}

const classHeading = /^### (\w+) <a name="\w+" id="([^"]+)"><\/a>$/;
const memberAnchor = (fqn) => new RegExp(`id="${fqn.replace(/\./g, '\\.')}\\.(?:property\\.)?(\\w+)"`);
const out = [];
let i = 0;
let removedTotal = 0;
while (i < lines.length) {
  const heading = lines[i].match(classHeading);
  const type = heading && manifest.types[heading[2]];
  if (!type || type.kind !== 'class' || !type.base) {
    out.push(lines[i++]);
    continue;
  }
  // The class section runs to the next `### ` or `## ` heading.
  let end = i + 1;
  while (end < lines.length && !/^#{1,3} /.test(lines[end])) end++;
  const section = lines.slice(i, end);
  const { names, base } = ownMembers(heading[2]);
  const anchor = memberAnchor(heading[2]);
  const inherited = (line) => {
    const m = line.match(anchor);
    return m !== null && !names.has(m[1]);
  };
  const kept = [];
  let removed = 0;
  for (let j = 0; j < section.length; j++) {
    const line = section[j];
    // A summary table row that links to an inherited member.
    if (line.startsWith('| <code><a href="#') && inherited(line.replace(/href="#([^"]+)"/, 'id="$1"'))) {
      removed++;
      continue;
    }
    // A member block: `##### \`name\`` up to the next heading of level 5 or above (its parameters are level 6).
    if (/^##### /.test(line) && inherited(line)) {
      let k = j + 1;
      while (k < section.length && !/^#{2,5} /.test(section[k])) k++;
      removed++;
      j = k - 1;
      continue;
    }
    kept.push(line);
  }
  // Drop subsections whose table is now empty (`#### Constants` with only inherited constants).
  const compact = [];
  for (let j = 0; j < kept.length; j++) {
    if (/^#### /.test(kept[j]) && !/Initializers/.test(kept[j])) {
      let k = j + 1;
      while (k < kept.length && !/^#### /.test(kept[k])) k++;
      const body = kept.slice(j + 1, k);
      if (!body.some((l) => l.startsWith('| <code>'))) {
        j = k - 1;
        continue;
      }
    }
    compact.push(kept[j]);
  }
  const url = base && referenceUrl(base);
  if (removed > 0 && base) {
    // After the class's own description, before `#### Initializers`.
    const at = compact.findIndex((l) => /^#### /.test(l));
    const note = `Members inherited from \`${base}\` are documented in ${url ? `[its API reference](${url})` : `\`${base}\``}; `
      + 'only what this class adds or overrides is listed here.';
    compact.splice(at < 0 ? compact.length : at, 0, note, '');
  }
  removedTotal += section.length - compact.length;
  out.push(...compact);
  i = end;
}
fs.writeFileSync(apiPath, out.join('\n'));
console.log(`${apiPath}: ${removedTotal} lines of inherited aws-cdk-lib members replaced by links (${out.length} lines).`);
