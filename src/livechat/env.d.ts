// Module shapes produced by the build plugins of scripts/vite/.
declare module "*.xml" {
  /** Names of the templates the file registered (compiled at build time). */
  const names: string[];
  export default names;
}
declare module "*.po" {
  const catalog: Record<string, string>;
  export default catalog;
}
/** The entries of one bundle only (scripts/vite/po-catalog.ts). */
declare module "*.po?loader.js" {
  const catalog: Record<string, string>;
  export default catalog;
}
