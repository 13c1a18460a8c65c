// The public API of the model layer (see README.md).
export { defineModel, readOnly, fullAccess, type ModelDefinition, type ModelSpec, type ModelHooks, type ModelMethod, type Values, type AccessLine, type Operation } from "./model.ts";
export { fields, type FieldDef, type FieldSpec, type FieldType } from "./fields.ts";
export { Env, SUPERUSER_ID, type Context } from "./env.ts";
export { Model, type RecordValues, type SearchOptions } from "./model-api.ts";
export { Registry } from "./registry.ts";
export { andDomains, orDomains, type Domain } from "./domain.ts";
export { OdooError, validationError, userError, accessError, missingError, valueError } from "./errors.ts";
export { nowDatetime, toOdooDatetime } from "./values.ts";
