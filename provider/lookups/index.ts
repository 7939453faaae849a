export * from "./policies";
export * from "./replications";
