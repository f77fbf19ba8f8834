export * from "./orgs";
export * from "./auth";
export * from "./pipelines";
export * from "./clients";
export * from "./deals";
export * from "./products";
export * from "./activities";
export * from "./jobs";
