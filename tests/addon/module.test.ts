// Checks of the Odoo module that need no Odoo: its Python compiles, its XML and CSV parse and
// name real things, the manifest is complete and every file it names exists after the build.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { ADDONS_DIR, ADDON_DIR, ADDON_NAME, GLUE_MODULES, MODULE_NAMES, ROOT, assetFile, assetPaths, python, readManifest, startsWithOdooModuleComment } from "../../scripts/addon/manifest.ts";
import { LOADER_PATH } from "../../src/protocol/bridge.ts";

function filesOf(dir: string, suffix: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === "__pycache__" || name === "node_modules") continue;
    if (statSync(path).isDirectory()) out.push(...filesOf(path, suffix));
    else if (name.endsWith(suffix)) out.push(path);
  }
  return out.sort();
}

/** Python's own verdict on several files: [] when all pass, else "file: error" lines. */
function pythonCheck(script: string, files: string[]): string[] {
  const output = execFileSync(python(), ["-c", script, ...files], { encoding: "utf8" });
  return output.split("\n").filter(Boolean);
}

const COMPILE = `
import sys
for path in sys.argv[1:]:
    try:
        compile(open(path, encoding='utf-8').read(), path, 'exec', dont_inherit=True)
    except SyntaxError as error:
        print('%s: %s' % (path, error))
`;

const PARSE_XML = `
import sys, xml.etree.ElementTree as ET
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
        if root.tag != 'odoo':
            print('%s: root element is <%s>, not <odoo>' % (path, root.tag))
    except ET.ParseError as error:
        print('%s: %s' % (path, error))
`;

/** Models the module defines (`_name = '...'`) or extends, fields it adds per model, and the
 * names of its SQL constraints per model. */
function pythonModels(): { defined: Set<string>; extended: Set<string>; fields: Map<string, Set<string>>; constraints: Map<string, string[]> } {
  const defined = new Set<string>();
  const extended = new Set<string>();
  const fields = new Map<string, Set<string>>();
  const constraints = new Map<string, string[]>();
  for (const file of filesOf(join(ADDON_DIR, "models"), ".py")) {
    const source = readFileSync(file, "utf8");
    for (const block of source.split(/^class /m).slice(1)) {
      const name = /^\s+_name = '([^']+)'/m.exec(block)?.[1];
      const inherit = /^\s+_inherit = '([^']+)'/m.exec(block)?.[1];
      const model = name ?? inherit;
      if (!model) continue;
      if (name) defined.add(name);
      else extended.add(model);
      const set = fields.get(model) ?? new Set<string>();
      for (const match of block.matchAll(/^\s+(\w+) = fields\.\w+\(/gm)) set.add(match[1]!);
      fields.set(model, set);
      const sql = /_sql_constraints = \[([\s\S]*?)\n\s*\]/.exec(block)?.[1] ?? "";
      constraints.set(model, [...sql.matchAll(/\(\s*'(\w+)'/g)].map((m) => m[1]!));
    }
  }
  return { defined, extended, fields, constraints };
}

/** The fields Odoo adds to every model and exports labels of. */
const IMPLICIT_FIELDS = ["id", "display_name", "create_uid", "create_date", "write_uid", "write_date"];

/** msgid → its `#:` references, as Odoo's .po reader sees the entries. */
function poReferences(text: string): Map<string, string[]> {
  const entries = new Map<string, string[]>();
  const unquote = (chunk: string) => [...chunk.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`)).join("");
  for (const block of text.split(/\n\s*\n/)) {
    const id = /^msgid ((?:".*"\s*)+)/m.exec(block);
    if (!id) continue;
    entries.set(unquote(id[1]!), [...block.matchAll(/^#: (.*)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/)));
  }
  return entries;
}

function parseCsv(text: string): string[][] {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(","));
}

function poEntries(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  const unquote = (chunk: string) => [...chunk.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`)).join("");
  for (const block of text.split(/\n\s*\n/)) {
    const id = /^msgid ((?:".*"\s*)+)/m.exec(block);
    const str = /^msgstr ((?:".*"\s*)+)/m.exec(block);
    if (id && str) entries.set(unquote(id[1]!), unquote(str[1]!));
  }
  entries.delete("");
  return entries;
}

QUnit.module("addon: livechat_chatbot_bridge", () => {
  const manifest = readManifest();

  QUnit.test("the manifest is a Python literal with the keys Odoo needs", (assert) => {
    assert.strictEqual(typeof manifest.name, "string");
    assert.ok(/^\d+\.\d+\.\d+$/.test(manifest.version), `version ${manifest.version} carries no series: Odoo prefixes 17.0 / 18.0`);
    assert.strictEqual(manifest.license, "LGPL-3");
    assert.deepEqual(manifest.depends, ["im_livechat"], "Community without Helpdesk or CRM installs it");
    assert.notStrictEqual(manifest.installable, false);
    for (const file of manifest.data ?? []) assert.ok(existsSync(join(ADDON_DIR, file)), `data file ${file} exists`);
    assert.ok((manifest.data ?? []).indexOf("security/ir.model.access.csv") >= 0, "access rights are loaded");
  });

  QUnit.test("the glue modules install by themselves beside the module", (assert) => {
    for (const glue of GLUE_MODULES) {
      const glueManifest = readManifest(join(ADDONS_DIR, glue.name));
      assert.deepEqual(glueManifest.depends, [ADDON_NAME, glue.needs], `${glue.name} depends on the module and ${glue.needs}`);
      assert.strictEqual(glueManifest.auto_install, true, `${glue.name} installs when both are installed`);
      assert.strictEqual(glueManifest.license, "LGPL-3");
      assert.strictEqual(glueManifest.version, manifest.version, "released together");
      assert.ok(filesOf(join(ADDONS_DIR, glue.name, "tests"), ".py").some((file) => file.endsWith("__init__.py")), `${glue.name} carries its tests`);
    }
  });

  QUnit.test("every Python file compiles", (assert) => {
    const files = MODULE_NAMES.flatMap((name) => filesOf(join(ADDONS_DIR, name), ".py"));
    assert.ok(files.length >= 10, `${files.length} Python files`);
    assert.deepEqual(pythonCheck(COMPILE, files), []);
  });

  QUnit.test("every XML file parses as an <odoo> document", (assert) => {
    const files = filesOf(ADDON_DIR, ".xml");
    assert.ok(files.length >= 3, `${files.length} XML files`);
    assert.deepEqual(pythonCheck(PARSE_XML, files), []);
  });

  QUnit.test("the access CSV has Odoo's header and names the module's own models", (assert) => {
    const rows = parseCsv(readFileSync(join(ADDON_DIR, "security/ir.model.access.csv"), "utf8"));
    assert.deepEqual(rows[0], ["id", "name", "model_id:id", "group_id:id", "perm_read", "perm_write", "perm_create", "perm_unlink"]);
    const { defined } = pythonModels();
    const expected = [...defined].map((model) => `model_${model.replace(/\./g, "_")}`).sort();
    const covered = [...new Set(rows.slice(1).map((row) => row[2]!))].sort();
    assert.deepEqual(covered, expected, "one access line or more for every new model, and only those");
    for (const row of rows.slice(1)) {
      assert.strictEqual(row.length, 8, `${row[0]} has 8 columns`);
      assert.ok(/^im_livechat\.im_livechat_group_(user|manager)$/.test(row[3]!), `${row[0]}: a livechat group`);
      assert.ok(row.slice(4).every((flag) => flag === "0" || flag === "1"), `${row[0]}: 0/1 flags`);
    }
  });

  QUnit.test("views use only fields that exist", (assert) => {
    const { fields } = pythonModels();
    const view = readFileSync(join(ADDON_DIR, "views/chatbot_script_step_views.xml"), "utf8");
    const added = fields.get("chatbot.script.step") ?? new Set();
    assert.ok(added.has("phone_check") && added.has("phone_default_country") && added.has("phone_check_available"), "the phone check fields are defined");
    const used = [...view.matchAll(/<field name="(phone_\w+)"/g)].map((m) => m[1]!);
    assert.deepEqual(used.sort(), ["phone_check", "phone_check_available", "phone_default_country"]);
  });

  QUnit.test("translations: every label Odoo exports for the module is in the template", (assert) => {
    // What Odoo's own export (--i18n-export --modules=livechat_chatbot_bridge) lists besides
    // code terms: field labels (explicit and implicit ones of new models), model names, SQL
    // constraint messages and view texts.
    const refs = new Set([...poReferences(readFileSync(join(ADDON_DIR, `i18n/${ADDON_NAME}.pot`), "utf8")).values()].flat());
    const { defined, extended, fields, constraints } = pythonModels();
    const expected: string[] = [];
    const id = (model: string) => model.replace(/\./g, "_");
    for (const [model, names] of fields) {
      const all = defined.has(model) ? [...names, ...IMPLICIT_FIELDS] : [...names];
      for (const field of all) expected.push(`model:ir.model.fields,field_description:${ADDON_NAME}.field_${id(model)}__${field}`);
      for (const constraint of constraints.get(model) ?? []) expected.push(`model:ir.model.constraint,message:${ADDON_NAME}.constraint_${id(model)}_${constraint}`);
    }
    for (const model of [...defined, ...extended]) expected.push(`model:ir.model,name:${ADDON_NAME}.model_${id(model)}`);
    for (const file of filesOf(join(ADDON_DIR, "views"), ".xml")) {
      const xml = readFileSync(file, "utf8");
      for (const record of xml.matchAll(/<record id="(\w+)" model="ir\.ui\.view">([\s\S]*?)<\/record>/g)) {
        for (const attr of record[2]!.matchAll(/\s(?:string|placeholder|help)="([^"]+)"/g)) expected.push(`model_terms:ir.ui.view,arch_db:${ADDON_NAME}.${record[1]}`);
      }
    }
    assert.ok(expected.length > 30, `${expected.length} references`);
    assert.deepEqual(expected.filter((ref) => !refs.has(ref)), [], "all in the .pot");
  });

  QUnit.test("every asset of the manifest exists after the build", (assert) => {
    const paths = assetPaths(manifest);
    assert.ok(paths.length > 0, "the admin bundle is in web.assets_backend");
    for (const path of paths) {
      const file = assetFile(path);
      assert.ok(file && existsSync(file), `${path} exists (npm run build writes it)`);
    }
    assert.ok(existsSync(join(ADDONS_DIR, LOADER_PATH.slice(1))), `${LOADER_PATH} exists`);
  });

  QUnit.test("built scripts outside static/src are plain scripts on Odoo 17 and 18", (assert) => {
    // Odoo 17 turns any file starting with an @odoo-module comment into an ES module (it
    // does not know "ignore") and refuses such a file outside static/src: the whole
    // web.assets_backend bundle then fails to build.
    for (const path of assetPaths(manifest).filter((p) => p.endsWith(".js"))) {
      const file = assetFile(path);
      if (!file || !existsSync(file)) continue;
      assert.notOk(startsWithOdooModuleComment(readFileSync(file, "utf8")), `${path} does not start with an @odoo-module comment`);
    }
  });

  QUnit.test("translations: the template and a complete Romanian catalogue", (assert) => {
    const pot = poEntries(readFileSync(join(ADDON_DIR, `i18n/${ADDON_NAME}.pot`), "utf8"));
    const ro = poEntries(readFileSync(join(ADDON_DIR, "i18n/ro.po"), "utf8"));
    assert.ok(pot.size > 0, `${pot.size} terms`);
    const untranslated = [...pot.keys()].filter((id) => !ro.get(id));
    assert.deepEqual(untranslated, [], "every term has a Romanian translation");
    for (const text of ["This conversation does not exist.", "'%(input_phone)s' does not look like a valid phone number. Can you please try again?"]) {
      assert.ok(pot.has(text), `the bridge text "${text.slice(0, 30)}…" is translatable`);
    }
    for (const [id, str] of ro) {
      const placeholders = (s: string) => [...s.matchAll(/%(\([a-z_]+\))?s/g)].map((m) => m[0]).sort();
      assert.deepEqual(placeholders(str), placeholders(id), `placeholders kept in "${id.slice(0, 30)}"`);
    }
  });

  QUnit.test("translations: every entry reads as Odoo's .po reader expects it", (assert) => {
    // Odoo turns a code reference's line into an int (an empty one fails the whole file) and
    // loads Python and JavaScript terms by their "#. odoo-python" / "#. odoo-javascript" marks.
    for (const file of [`${ADDON_NAME}.pot`, "ro.po"]) {
      const problems: string[] = [];
      for (const block of readFileSync(join(ADDON_DIR, "i18n", file), "utf8").split(/\n\s*\n/)) {
        const id = /^msgid "(.*)"$/m.exec(block)?.[1];
        if (!id) continue;
        if (!block.includes("#. module: livechat_chatbot_bridge")) problems.push(`${id}: no "#. module:" line`);
        const occurrences = [...block.matchAll(/^#: (.*)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/));
        if (!occurrences.length) problems.push(`${id}: no reference`);
        for (const occurrence of occurrences) {
          const code = /^code:[\w/.]+:(\d+)$/.exec(occurrence);
          const data = /^(model|model_terms):[\w.]+,\w+:\w+\.\S+$/.test(occurrence);
          if (!code && !data) problems.push(`${id}: reference "${occurrence}" is not one Odoo reads`);
          if (code && !block.includes(occurrence.includes(".py:") ? "#. odoo-python" : "#. odoo-javascript")) problems.push(`${id}: no odoo-python/odoo-javascript mark`);
        }
      }
      assert.deepEqual(problems, [], `${file}: ${problems.length} entries Odoo would refuse or ignore`);
    }
  });

  QUnit.test("translations: every _() text of the Python code is a Python term of the template", (assert) => {
    const pot = readFileSync(join(ADDON_DIR, `i18n/${ADDON_NAME}.pot`), "utf8");
    const pythonTerms = new Set(
      pot
        .split(/\n\s*\n/)
        .filter((block) => block.includes("#. odoo-python"))
        .map((block) => poEntries(block).keys().next().value),
    );
    const texts = new Set<string>();
    for (const file of filesOf(ADDON_DIR, ".py")) {
      if (file.includes("/tests/")) continue;
      for (const match of readFileSync(file, "utf8").matchAll(/\b_\(\s*(['"])((?:\\.|(?!\1).)*)\1/g)) texts.add(match[2]!.replace(/\\(['"\\])/g, "$1"));
    }
    assert.ok(texts.size > 10, `${texts.size} texts`);
    assert.deepEqual([...texts].filter((text) => !pythonTerms.has(text)), [], "all in the template, marked odoo-python");
  });

  QUnit.test("build:addon writes the zip users install: both module folders, the built bundles, no Python cache", (assert) => {
    // --no-build: the build stage has just built the bundles
    const out = mkdtempSync(join(tmpdir(), "build-addon-"));
    try {
      execFileSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts/build-addon.ts"), "--no-build", "--out", out], { cwd: ROOT, stdio: "pipe" });
      const zip = join(out, `${ADDON_NAME}-${manifest.version}.zip`);
      assert.ok(existsSync(zip), `${relative(out, zip)} written`);
      const names = execFileSync(python(), ["-c", "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))", zip], { encoding: "utf8" }).split("\n").filter(Boolean);
      for (const name of [
        ...MODULE_NAMES.map((module) => `${module}/__manifest__.py`),
        `${ADDON_NAME}/static/dist/loader.js`,
        `${ADDON_NAME}/static/dist/chat.js`,
        `${ADDON_NAME}/static/description/icon.png`,
        `${ADDON_NAME}/i18n/ro.po`,
        ...assetPaths(manifest).filter((path) => path.startsWith(`${ADDON_NAME}/`)),
      ]) {
        assert.ok(names.includes(name), `the zip holds ${name}`);
      }
      assert.deepEqual(names.filter((name) => !MODULE_NAMES.some((module) => name.startsWith(`${module}/`))), [], "only the module folders");
      assert.deepEqual(names.filter((name) => /__pycache__|\.py[co]$/.test(name)), [], "no Python cache");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  QUnit.test("no build output or Python cache is tracked by git", (assert) => {
    const tracked = execFileSync("git", ["ls-files", relative(join(ADDON_DIR, "../.."), ADDONS_DIR)], { cwd: join(ADDON_DIR, "../.."), encoding: "utf8" })
      .split("\n")
      .filter(Boolean);
    assert.ok(tracked.length > 0, "the module is tracked");
    assert.deepEqual(tracked.filter((path) => /\/static\/(dist|admin)\/|__pycache__|\.pyc$/.test(path)), []);
  });
});
