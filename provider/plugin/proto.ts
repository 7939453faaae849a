/**
 * The gRPC runtime and protocol classes, taken from the installed @pulumi/pulumi (which ships the generated
 * ResourceProvider service) and resolved from its folder, so the plugin uses the very copies of grpc-js and
 * google-protobuf those classes were built with, however npm laid out the user's node_modules. Internal to the
 * plugin (stripped from the published types, which would otherwise need grpc-js and google-protobuf types).
 * @module
 */
import { dirname } from "node:path";
import type * as Grpc from "@grpc/grpc-js";
import type * as AnyProto from "google-protobuf/google/protobuf/any_pb";
import type * as EmptyProto from "google-protobuf/google/protobuf/empty_pb";
import type * as StructProto from "google-protobuf/google/protobuf/struct_pb";

const sdk = dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromSdk = <T>(id: string): T => require(require.resolve(id, { paths: [sdk] })) as T;

/** @internal */
export const grpc = fromSdk<typeof Grpc>("@grpc/grpc-js");
/** @internal */
export const structproto = fromSdk<typeof StructProto>("google-protobuf/google/protobuf/struct_pb");
/** @internal */
export const emptyproto = fromSdk<typeof EmptyProto>("google-protobuf/google/protobuf/empty_pb");
/** @internal */
export const anyproto = fromSdk<typeof AnyProto>("google-protobuf/google/protobuf/any_pb");
/** @internal */
export const provproto = fromSdk<typeof import("@pulumi/pulumi/proto/provider_pb")>(`${sdk}/proto/provider_pb.js`);
/** @internal */
export const provrpc = fromSdk<typeof import("@pulumi/pulumi/proto/provider_grpc_pb")>(
  `${sdk}/proto/provider_grpc_pb.js`,
);
/** @internal */
export const plugproto = fromSdk<typeof import("@pulumi/pulumi/proto/plugin_pb")>(`${sdk}/proto/plugin_pb.js`);
/** @internal */
export const statusproto = fromSdk<typeof import("@pulumi/pulumi/proto/status_pb")>(`${sdk}/proto/status_pb.js`);

/** @internal */
export type Struct = StructProto.Struct;
