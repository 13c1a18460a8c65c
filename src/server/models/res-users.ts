// `res.users`: logins, each with its partner and its groups (Odoo xml ids). Passwords are
// hashed with scrypt into a table of their own and never read back (the field reads empty).
import { defineModel, readOnly } from "../orm/model.ts";
import { fields } from "../orm/fields.ts";
import { validationError } from "../orm/errors.ts";
import { GROUP } from "../auth/groups.ts";
import { setPassword } from "../auth/passwords.ts";
import type { Env } from "../orm/env.ts";
import type { Values } from "../orm/model.ts";

async function storePasswords(env: Env, ids: number[], vals: Values): Promise<void> {
  if (typeof vals.password === "string" && vals.password) for (const id of ids) await setPassword(env, id, vals.password);
}

export const resUsers = defineModel({
  name: "res.users",
  description: "User",
  order: "name, login",
  fields: {
    login: fields.char({ string: "Login", required: true, help: "Used to log into the system" }),
    name: fields.char({ string: "Name", required: true }),
    password: fields.char({
      string: "Password",
      store: false,
      readonly: false,
      copy: false,
      compute: async (_env, ids) => new Map(ids.map((id) => [id, ""])),
    }),
    partner_id: fields.many2one("res.partner", { string: "Related Partner", required: true, ondelete: "restrict" }),
    active: fields.boolean({ string: "Active", default: true }),
    tz: fields.char({ string: "Timezone", default: "Europe/Brussels" }),
    lang: fields.char({ string: "Language", default: "en_US" }),
    share: fields.boolean({ string: "Share User", default: false }),
    /** Odoo's groups_id as xml ids, space-separated (read by the session layer). */
    group_xmlids: fields.text({ string: "Groups" }),
  },
  unique: [["login"]],
  hooks: {
    async create(env, valsList, next) {
      const prepared: Values[] = [];
      for (const vals of valsList) {
        const copy = { ...vals };
        if (!copy.partner_id) copy.partner_id = await env.model("res.partner").createOne({ name: copy.name, email: copy.login });
        prepared.push(copy);
      }
      const existing = await env.model("res.users").withActive(false).search([["login", "in", prepared.map((v) => v.login).filter(Boolean)]]);
      if (existing.length) throw validationError("You can not have two users with the same login!");
      const ids = await next(prepared.map(({ password: _password, ...rest }) => rest));
      for (let i = 0; i < ids.length; i++) await storePasswords(env, [ids[i]!], prepared[i]!);
      return ids;
    },
    async write(env, ids, vals, next) {
      const { password: _password, ...rest } = vals;
      await next(ids, rest);
      if ("name" in vals) {
        const partners = (await env.model("res.users").withActive(false).read(ids, ["partner_id"])).map((u) => (u.partner_id as [number])[0]);
        await env.model("res.partner").write(partners, { name: vals.name });
      }
      await storePasswords(env, ids, vals);
    },
  },
  access: [readOnly(GROUP.user)],
});
