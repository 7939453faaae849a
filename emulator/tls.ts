import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "selfsigned";

export interface TlsMaterial {
  key: string;
  cert: string;
  caFile?: string;
  caPem?: string;
}

/**
 * A CA and a server certificate for 127.0.0.1/localhost, made on first start and reused from `dir` afterwards.
 * Clients trust `ca.pem` (e.g. NODE_EXTRA_CA_CERTS or the provider's caCert).
 */
export async function generatedTls(dir: string): Promise<TlsMaterial> {
  const caFile = join(dir, "ca.pem");
  const keyFile = join(dir, "server-key.pem");
  const certFile = join(dir, "server-cert.pem");
  if (existsSync(caFile) && existsSync(keyFile) && existsSync(certFile)) {
    return {
      key: readFileSync(keyFile, "utf8"),
      cert: readFileSync(certFile, "utf8"),
      caFile,
      caPem: readFileSync(caFile, "utf8"),
    };
  }
  mkdirSync(dir, { recursive: true });
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(Date.now() + 825 * 86_400_000);
  const ca = await generate([{ name: "commonName", value: "VCDA Emulator Local CA" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  writeFileSync(keyFile, server.private, { mode: 0o600 });
  writeFileSync(certFile, server.cert);
  writeFileSync(caFile, ca.cert);
  return { key: server.private, cert: server.cert, caFile, caPem: ca.cert };
}

export function givenTls(certFile: string, keyFile: string): TlsMaterial {
  return { cert: readFileSync(certFile, "utf8"), key: readFileSync(keyFile, "utf8") };
}
