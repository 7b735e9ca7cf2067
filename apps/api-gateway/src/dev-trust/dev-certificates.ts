import { randomBytes } from 'node:crypto';
import { pki, md } from 'node-forge';

export interface DevCertificates {
  /** PEM: the dev CA, what clients trust (NODE_EXTRA_CA_CERTS). */
  readonly caCert: string;
  /** PEM: the gateway's certificate (127.0.0.1, ::1, localhost), signed by the CA. */
  readonly serverCert: string;
  readonly serverKey: string;
}

const DAY_MS = 86_400_000;
const CA_VALID_DAYS = 3650;
const SERVER_VALID_DAYS = 825;

/**
 * A fresh dev CA and a server certificate it signed. The CA's private key is
 * used once and never stored: a CA that a developer trusts machine-wide
 * must not be able to vouch for any other host later.
 */
export function createDevCertificates(now: Date, label: string): DevCertificates {
  const caKeys = pki.rsa.generateKeyPair({ bits: 2048 });
  const caName = [{ name: 'commonName', value: `atrest dev CA (${label})` }, { name: 'organizationName', value: 'atrest (development only)' }];
  const ca = certificate(caKeys.publicKey, now, CA_VALID_DAYS, caName, caName);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKeys.privateKey, md.sha256.create());

  const serverKeys = pki.rsa.generateKeyPair({ bits: 2048 });
  const server = certificate(serverKeys.publicKey, now, SERVER_VALID_DAYS, [{ name: 'commonName', value: 'atrest gateway (127.0.0.1)' }], caName);
  server.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
        { type: 2, value: 'localhost' },
      ],
    },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  server.sign(caKeys.privateKey, md.sha256.create());

  return {
    caCert: pki.certificateToPem(ca),
    serverCert: pki.certificateToPem(server),
    serverKey: pki.privateKeyToPem(serverKeys.privateKey),
  };
}

function certificate(publicKey: pki.PublicKey, now: Date, validDays: number, subject: pki.CertificateField[], issuer: pki.CertificateField[]) {
  const cert = pki.createCertificate();
  cert.publicKey = publicKey;
  // A positive serial (leading byte below 0x80), random so re-created CAs never collide.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  // A little in the past: clocks of clients on the same machine may lag.
  cert.validity.notBefore = new Date(now.getTime() - DAY_MS);
  cert.validity.notAfter = new Date(now.getTime() + validDays * DAY_MS);
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  return cert;
}
