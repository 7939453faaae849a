export * from "./diagnostics";
export * from "./policies";
export * from "./replications";
