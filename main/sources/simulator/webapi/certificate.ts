/**
 * The server's TLS identity: a self-signed certificate made at start, valid for the address it
 * listens on (the Web API is TLS only, MT5-PROTOCOL.md §2.1). A client trusts it by pinning the
 * PEM (`ca`) or its SHA-256 fingerprint, never by turning verification off.
 */
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { generate } from 'selfsigned';

export interface ServerCertificate {
  keyPem: string;
  certPem: string;
  /** As Node's `getPeerCertificate().fingerprint256` prints it: colon-separated upper-case hex. */
  fingerprint256: string;
}

const VALID_DAYS = 30;

export async function makeCertificate(host: string): Promise<ServerCertificate> {
  const altNames: { type: 2 | 7; value?: string; ip?: string }[] = [
    { type: 7, ip: '127.0.0.1' },
    { type: 2, value: 'localhost' },
  ];
  if (host !== '127.0.0.1' && host !== 'localhost')
    altNames.push(isIP(host) ? { type: 7, ip: host } : { type: 2, value: host });
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate([{ name: 'commonName', value: host }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + VALID_DAYS * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return {
    keyPem: pems.private,
    certPem: pems.cert,
    fingerprint256: new X509Certificate(pems.cert).fingerprint256,
  };
}
