// All declared models by name, with the reverse index the ORM needs for ondelete.
import type { FieldDef } from "./fields.ts";
import type { ModelDefinition } from "./model.ts";

export class Registry {
  private readonly models = new Map<string, ModelDefinition>();
  /** For each model, the many2one fields (of any model) that point at it. */
  private readonly referrers = new Map<string, { model: ModelDefinition; field: FieldDef }[]>();

  constructor(definitions: Iterable<ModelDefinition>) {
    for (const definition of definitions) {
      if (this.models.has(definition.name)) throw new Error(`Model ${definition.name} is declared twice`);
      // Field maps without a prototype: a field named "__proto__" or "constructor" sent by a
      // client is simply unknown, never Object.prototype.
      if (Object.getPrototypeOf(definition.fields) !== null) Object.setPrototypeOf(definition.fields, null);
      this.models.set(definition.name, definition);
    }
    for (const model of this.models.values()) {
      for (const field of Object.values(model.fields)) {
        if (field.relation && !this.models.has(field.relation)) throw new Error(`${model.name}.${field.name}: unknown model ${field.relation}`);
        if (field.type === "one2many" && !this.models.get(field.relation!)!.fields[field.inverse!])
          throw new Error(`${model.name}.${field.name}: no inverse ${field.inverse} on ${field.relation}`);
        if (field.type === "many2one" && field.store !== false && !field.related && !field.compute) {
          const list = this.referrers.get(field.relation!) ?? [];
          list.push({ model, field });
          this.referrers.set(field.relation!, list);
        }
      }
    }
  }

  has(name: string): boolean {
    return this.models.has(name);
  }

  get(name: string): ModelDefinition {
    const model = this.models.get(name);
    if (!model) throw new Error(`Unknown model ${name}`);
    return model;
  }

  all(): ModelDefinition[] {
    return [...this.models.values()];
  }

  referrersOf(name: string): { model: ModelDefinition; field: FieldDef }[] {
    return this.referrers.get(name) ?? [];
  }
}
