// The live chat part of the server: bridge v1 routes, operator routes, live push.
import type { ServerModule } from "../modules.ts";
import { registerLivechat, type LivechatHandle } from "./routes.ts";

let handle: LivechatHandle | null = null;

export const livechatModule: ServerModule = {
  name: "livechat",
  async register(app, config) {
    handle = await registerLivechat(app, { databaseUrl: config.databaseUrl });
  },
  async stop() {
    await handle?.close();
    handle = null;
  },
};
