// The parts of the server, each registering its routes and (optionally) seeding its data and
// starting/stopping background work. Add a part: implement ServerModule and list it here.
import type { HttpApp } from "./http/app.ts";
import type { Env } from "./orm/env.ts";
import type { ServerConfig } from "./config.ts";
import { registerAuthRoutes } from "./auth/routes.ts";
import { registerPages } from "./http/pages.ts";
import { livechatModule } from "./livechat/module.ts";

export interface ServerModule {
  name: string;
  /** Registers routes (JSON-RPC, HTTP, upgrades) on the app. */
  register?(app: HttpApp, config: ServerConfig): void | Promise<void>;
  /** Adds first-start data (after the core seed), in the seed transaction. */
  seed?(env: Env, config: ServerConfig): Promise<void>;
  /** Starts background work once the server listens. */
  start?(app: HttpApp, config: ServerConfig): Promise<void>;
  /** Stops it on shutdown. */
  stop?(): Promise<void>;
}

const ROOT = new URL("../../", import.meta.url).pathname;

export const authModule: ServerModule = { name: "auth", register: (app) => registerAuthRoutes(app) };
/** Last: its GET catch-all serves static/ after every other route. */
export const pagesModule: ServerModule = { name: "pages", register: (app) => registerPages(app, ROOT) };

export const SERVER_MODULES: ServerModule[] = [authModule, livechatModule, pagesModule];
