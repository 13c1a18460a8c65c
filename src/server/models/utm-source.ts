// `utm.source`: where a lead or ticket came from; every chatbot owns one. Names are unique:
// a name already taken gets a counter on create ("Name [2]"), and a write that would
// duplicate a name is refused, as Odoo does.
import { defineModel, type Values } from "../orm/model.ts";
import { fields } from "../orm/fields.ts";
import { validationError } from "../orm/errors.ts";
import { orDomains, type Domain } from "../orm/domain.ts";
import type { Env } from "../orm/env.ts";
import { GROUP } from "../auth/groups.ts";

const COUNTER = /^(.*) \[(\d+)\]$/;

/** The names to create, each made unique against the database and the names before it. */
async function uniqueNames(env: Env, names: string[]): Promise<string[]> {
  const bases = [...new Set(names.map((name) => COUNTER.exec(name)?.[1] ?? name))];
  const domain = orDomains(...bases.map((base): Domain => ["|", ["name", "=", base], ["name", "=like", `${base} [%]`]]));
  const taken = new Set(bases.length ? (await env.model("utm.source").searchRead(domain, ["name"])).map((row) => String(row.name)) : []);
  return names.map((name) => {
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
    const base = COUNTER.exec(name)?.[1] ?? name;
    let counter = 2;
    while (taken.has(`${base} [${counter}]`)) counter++;
    const unique = `${base} [${counter}]`;
    taken.add(unique);
    return unique;
  });
}

export const utmSource = defineModel({
  name: "utm.source",
  description: "Source",
  order: "name, id",
  fields: {
    name: fields.char({ string: "Source Name", required: true }),
  },
  unique: [["name"]],
  hooks: {
    async create(env, valsList, next) {
      const names = await uniqueNames(env, valsList.map((vals) => String(vals.name ?? "")));
      return next(valsList.map((vals, i): Values => (vals.name ? { ...vals, name: names[i] } : vals)));
    },
    async write(env, ids, vals, next) {
      if (typeof vals.name === "string") {
        if (ids.length > 1) throw validationError("You cannot update multiple records with the same name. The name should be unique!");
        const clash = await env.model("utm.source").search([["name", "=", vals.name], ["id", "not in", ids]], { limit: 1 });
        if (clash.length) throw validationError("The operation cannot be completed: The name must be unique");
      }
      return next(ids, vals);
    },
  },
  access: [{ group: GROUP.user, read: true, write: true, create: true }],
});
