// A livechat manager who is not a system administrator must not reach other models through the
// models they may edit: x2many commands and related fields are operations on the comodel, with
// the caller's own rights (as Odoo's ORM runs them).
import { ODOO_ERRORS } from "../../src/protocol/odoo.ts";
import type { OdooClient } from "../../src/rpc/odoo-client.ts";
import { EMBEDDED, anonymous, asAdmin, expectError, loginAs, odooDb, uniqueTitle } from "./support/admin.ts";

// Users are made with the embedded ERP's group field; on a real Odoo the same holes are Odoo's
// own ORM's to close.
const embeddedOnly = EMBEDDED ? QUnit.test : QUnit.skip;
const CHANNEL = "im_livechat.channel";
const USERS = "res.users";

QUnit.module("admin: no privilege escalation through relations", (hooks) => {
  let admin: OdooClient;
  let manager: OdooClient;
  let victimId: number;
  let managerId: number;
  let channelId: number;
  const managerLogin = uniqueTitle("lcmanager").replace(/\W/g, "_").toLowerCase();
  const managerPassword = "manager-password-1";

  hooks.before(async () => {
    if (!EMBEDDED) return;
    admin = await asAdmin();
    managerId = await admin.create(USERS, { login: managerLogin, name: "Livechat Manager", password: managerPassword, group_xmlids: "base.group_user im_livechat.im_livechat_group_manager" });
    victimId = await admin.create(USERS, { login: `${managerLogin}_victim`, name: "Victim", password: "victim-password-1", group_xmlids: "base.group_user" });
    manager = await loginAs(managerLogin, managerPassword);
    channelId = await manager.create(CHANNEL, { name: uniqueTitle("Escalation channel") });
  });

  embeddedOnly("a direct write on a user is refused", async (assert) => {
    await expectError(assert, manager.write(USERS, [victimId], { password: "owned" }), ODOO_ERRORS.access, "res.users write");
  });

  embeddedOnly("(1, id, vals) on the channel's operators cannot set a password or groups", async (assert) => {
    await expectError(assert, manager.write(CHANNEL, [channelId], { user_ids: [[1, victimId, { password: "owned-password" }]] }), ODOO_ERRORS.access, "password through user_ids", /res\.users/);
    await expectError(assert, manager.write(CHANNEL, [channelId], { user_ids: [[1, managerId, { group_xmlids: "base.group_system" }]] }), ODOO_ERRORS.access, "groups through user_ids");
    const stolen = anonymous();
    await expectError(assert, stolen.authenticate(await odooDb(), `${managerLogin}_victim`, "owned-password"), ODOO_ERRORS.accessDenied, "the password did not change");
    const [me] = await admin.read<{ group_xmlids: string }>(USERS, [managerId], ["group_xmlids"]);
    assert.notOk(me!.group_xmlids.includes("base.group_system"), "still no system group");
  });

  embeddedOnly("(0, 0, vals) cannot create a user and (2, id) cannot delete one", async (assert) => {
    await expectError(assert, manager.write(CHANNEL, [channelId], { user_ids: [[0, 0, { login: `${managerLogin}_new`, name: "New", group_xmlids: "base.group_system" }]] }), ODOO_ERRORS.access, "create through user_ids");
    assert.strictEqual(await admin.searchCount(USERS, [["login", "=", `${managerLogin}_new`]]), 0, "no user made");
    await expectError(assert, manager.write(CHANNEL, [channelId], { user_ids: [[2, victimId]] }), ODOO_ERRORS.access, "delete through user_ids");
    assert.strictEqual(await admin.searchCount(USERS, [["id", "=", victimId]]), 1, "the user is still there");
  });

  embeddedOnly("the same commands on create are refused, linking operators still works", async (assert) => {
    await expectError(assert, manager.create(CHANNEL, { name: uniqueTitle("Channel"), user_ids: [[1, victimId, { password: "owned-password" }]] }), ODOO_ERRORS.access, "password through create");
    assert.strictEqual(await manager.write(CHANNEL, [channelId], { user_ids: [[4, victimId]] }), true, "(4, id) links an operator");
    assert.strictEqual(await manager.write(CHANNEL, [channelId], { user_ids: [[6, 0, [managerId]]] }), true, "(6, 0, ids) sets the operators");
    const [row] = await manager.read<{ user_ids: number[] }>(CHANNEL, [channelId], ["user_ids"]);
    assert.deepEqual(row!.user_ids, [managerId]);
  });
});
