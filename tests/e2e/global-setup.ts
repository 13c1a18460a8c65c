// Starts one embedded ERP for the e2e run (fresh SQLite data) unless BASE_URL is given.
import { startServer } from "../support/server.ts";

export default async function globalSetup() {
  if (process.env.BASE_URL) return;
  const server = await startServer();
  process.env.BASE_URL = server.baseUrl;
  return async () => server.stop();
}
