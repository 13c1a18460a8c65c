// x2many commands as Odoo accepts them: (0,0,vals) create, (1,id,vals) update, (2,id) delete,
// (3,id) unlink, (4,id) link, (5) clear, (6,0,ids) set — also a plain list of ids (= set).
import { valueError } from "./errors.ts";
import type { Values } from "./model.ts";

export type X2manyCommand =
  | { op: "create"; values: Values }
  | { op: "update"; id: number; values: Values }
  | { op: "delete"; id: number }
  | { op: "unlink"; id: number }
  | { op: "link"; id: number }
  | { op: "clear" }
  | { op: "set"; ids: number[] };

const isId = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value > 0;

export function parseCommands(fieldLabel: string, value: unknown): X2manyCommand[] {
  if (value === false || value === null || value === undefined) return [{ op: "clear" }];
  if (!Array.isArray(value)) throw valueError(`Wrong value for ${fieldLabel}: ${JSON.stringify(value)}`);
  if (value.every(isId)) return [{ op: "set", ids: value as number[] }];
  return value.map((item): X2manyCommand => {
    if (isId(item)) return { op: "link", id: item };
    if (!Array.isArray(item) || typeof item[0] !== "number") throw valueError(`Wrong value for ${fieldLabel}: ${JSON.stringify(item)}`);
    const [code, id, values] = item as [number, unknown, unknown];
    const needId = () => {
      if (!isId(id)) throw valueError(`Wrong value for ${fieldLabel}: ${JSON.stringify(item)}`);
      return id;
    };
    const needValues = () => {
      if (values === undefined || values === null) return {};
      if (typeof values !== "object" || Array.isArray(values)) throw valueError(`Wrong value for ${fieldLabel}: ${JSON.stringify(item)}`);
      return values as Values;
    };
    switch (code) {
      case 0:
        return { op: "create", values: needValues() };
      case 1:
        return { op: "update", id: needId(), values: needValues() };
      case 2:
        return { op: "delete", id: needId() };
      case 3:
        return { op: "unlink", id: needId() };
      case 4:
        return { op: "link", id: needId() };
      case 5:
        return { op: "clear" };
      case 6: {
        const ids = Array.isArray(values) ? values : [];
        if (!ids.every(isId)) throw valueError(`Wrong value for ${fieldLabel}: ${JSON.stringify(item)}`);
        return { op: "set", ids: ids as number[] };
      }
      default:
        throw valueError(`Wrong value for ${fieldLabel}: ${JSON.stringify(item)}`);
    }
  });
}
