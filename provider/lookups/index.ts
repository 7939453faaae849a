export * from "./diagnostics";
export * from "./inventory";
export * from "./policies";
export * from "./replications";
