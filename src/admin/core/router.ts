// Client routes of the admin app. Standalone, they live in the browser history under /web
// (bookmarkable, back button works); inside Odoo's web client the URL belongs to Odoo, so the
// same router keeps its location in memory.
import { reactive } from "@odoo/owl";

export interface Route {
  name: RouteName;
  params: Record<string, string>;
  path: string;
}

export type RouteName =
  | "login"
  | "chatbots"
  | "chatbot"
  | "chatbot_test"
  | "channels"
  | "channel"
  | "inbox"
  | "not_found";

const PATTERNS: [RouteName, RegExp, string[]][] = [
  ["login", /^\/login$/, []],
  ["chatbots", /^\/chatbots$/, []],
  ["chatbot", /^\/chatbots\/(new|\d+)$/, ["id"]],
  ["chatbot_test", /^\/chatbots\/(\d+)\/test$/, ["id"]],
  ["channels", /^\/channels$/, []],
  ["channel", /^\/channels\/(new|\d+)$/, ["id"]],
  ["inbox", /^\/inbox$/, []],
];

export const DEFAULT_PATH = "/chatbots";

/** Matches an app path (without the /web base) to a route. */
export function matchRoute(path: string): Route {
  const clean = path.replace(/\/+$/, "") || DEFAULT_PATH;
  for (const [name, pattern, keys] of PATTERNS) {
    const match = pattern.exec(clean);
    if (match) return { name, path: clean, params: Object.fromEntries(keys.map((k, i) => [k, match[i + 1]!])) };
  }
  return { name: "not_found", path: clean, params: {} };
}

/** Unsaved work on screen: asked before leaving a route; `confirm` false keeps the user there. */
export interface LeaveGuard {
  isDirty(): boolean;
  confirm(): Promise<boolean>;
}

export class Router {
  readonly current: { route: Route };
  private guards = new Set<LeaveGuard>();
  private listeners = new Set<(route: Route) => void>();

  constructor(
    readonly mode: "history" | "memory",
    readonly base = "/web",
    initialPath?: string,
  ) {
    const start = initialPath ?? (mode === "history" ? this.appPath(location.pathname) : DEFAULT_PATH);
    this.current = reactive({ route: matchRoute(start) });
    if (mode === "history") {
      history.replaceState({ path: this.current.route.path }, "", this.url(this.current.route.path) + location.search);
      window.addEventListener("popstate", () => void this.onPopState());
    }
  }

  url(path: string): string {
    return this.mode === "history" ? this.base + path : "#" + path;
  }

  /** Calls `listener` after every change of route (navigation, Back/Forward); returns its removal. */
  onChange(listener: (route: Route) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setRoute(path: string) {
    this.current.route = matchRoute(path);
    for (const listener of [...this.listeners]) listener(this.current.route);
  }

  /** Registers a guard asked before navigation; returns its removal. */
  addGuard(guard: LeaveGuard): () => void {
    this.guards.add(guard);
    return () => this.guards.delete(guard);
  }

  async navigate(path: string, options: { replace?: boolean; force?: boolean } = {}): Promise<boolean> {
    if (path === this.current.route.path) return true;
    if (!options.force && !(await this.mayLeave())) return false;
    this.setRoute(path);
    if (this.mode === "history") {
      const method = options.replace ? "replaceState" : "pushState";
      history[method]({ path: this.current.route.path }, "", this.url(this.current.route.path));
    }
    return true;
  }

  private dirtyGuards(): LeaveGuard[] {
    return [...this.guards].filter((g) => g.isDirty());
  }

  private async mayLeave(): Promise<boolean> {
    for (const guard of this.dirtyGuards()) if (!(await guard.confirm())) return false;
    return true;
  }

  private async onPopState() {
    const target = this.appPath(location.pathname);
    if (target === this.current.route.path) return;
    // The browser already moved: put the old URL back while asking, then go on if allowed.
    const from = this.current.route.path;
    if (this.dirtyGuards().length) {
      history.pushState({ path: from }, "", this.url(from));
      if (!(await this.mayLeave())) return;
      history.replaceState({ path: target }, "", this.url(target));
    }
    this.setRoute(target);
  }

  private appPath(pathname: string): string {
    return pathname.startsWith(this.base) ? pathname.slice(this.base.length) || DEFAULT_PATH : DEFAULT_PATH;
  }
}
