package io.finflow.kafka.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away TLS setup for a broker on this machine: a self-signed CA and a server certificate it
 * signed, valid for {@code 127.0.0.1} and {@code localhost}, written as PKCS12 key store (server key
 * and chain) and trust store (CA only) under one generated password, plus the CA as a PEM file for
 * clients that read PEM (kcat, kafkajs, Kafka's {@code ssl.truststore.type=PEM}). Client certificates
 * for mutual TLS are issued on demand ({@link #issueClient}); {@link #untrustedClient} makes one signed
 * by another CA, which the broker must refuse.
 *
 * <p>Keys are EC P-256, quick to generate. BouncyCastle only builds the certificates; signing and the
 * key stores use the JDK's own providers, so nothing is registered globally.
 */
final class TestCertificates {

    static final String STORE_TYPE = "PKCS12";
    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final String SIGNATURE = "SHA256withECDSA";

    private final Path dir;
    private final Path keystore;
    private final Path truststore;
    private final Path caPem;
    private final String password;
    private final X509Certificate ca;
    private final KeyPair caKeys;

    private TestCertificates(Path dir, String password, X509Certificate ca, KeyPair caKeys) {
        this.dir = dir;
        this.keystore = dir.resolve("keystore.p12");
        this.truststore = dir.resolve("truststore.p12");
        this.caPem = dir.resolve("ca.pem");
        this.password = password;
        this.ca = ca;
        this.caKeys = caKeys;
    }

    /** A client key store for mutual TLS: the client's key and certificate chain, under one password. */
    record ClientKeystore(Path keystore, String password) {
    }

    /** Generates the CA and server certificate and writes {@code keystore.p12} and {@code truststore.p12}. */
    static TestCertificates create(Path dir) {
        try {
            Files.createDirectories(dir);
            String password = Passwords.random();
            KeyPair caKeys = newKeyPair();
            X500Name caName = new X500Name("CN=FinFlow Kafka test CA");
            X509Certificate ca = caCertificate(caName, caKeys);
            KeyPair serverKeys = newKeyPair();
            X509Certificate server = serverCertificate(caName, ca, caKeys.getPrivate(), serverKeys);

            KeyStore keys = emptyStore();
            keys.setKeyEntry("localhost", serverKeys.getPrivate(), password.toCharArray(),
                    new Certificate[] {server, ca});
            KeyStore trust = emptyStore();
            trust.setCertificateEntry("finflow-test-ca", ca);

            TestCertificates certs = new TestCertificates(dir, password, ca, caKeys);
            write(keys, certs.keystore, password);
            write(trust, certs.truststore, password);
            Files.writeString(certs.caPem, pem(ca));
            return certs;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write test key stores to " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("could not generate test certificates: " + e.getMessage(), e);
        }
    }

    /** PKCS12 store holding the server's private key and its chain (server, CA). */
    Path keystore() {
        return keystore;
    }

    /** PKCS12 store holding only the CA certificate. */
    Path truststore() {
        return truststore;
    }

    /** Password of both stores and of the server key. */
    String password() {
        return password;
    }

    /** The CA certificate as a PEM file. */
    Path caPem() {
        return caPem;
    }

    /**
     * Issues a client certificate with subject {@code CN=<commonName>}, signed by this CA, in a new
     * PKCS12 key store (key and chain) under a new random password.
     */
    ClientKeystore issueClient(String commonName) {
        return clientKeystore(dir, commonName, ca, caKeys, "client-" + commonName);
    }

    /**
     * A client certificate with subject {@code CN=<commonName>} signed by a new CA that no broker
     * trusts, in a PKCS12 key store written under {@code dir}.
     */
    static ClientKeystore untrustedClient(Path dir, String commonName) {
        try {
            KeyPair otherKeys = newKeyPair();
            X509Certificate other = caCertificate(new X500Name("CN=Untrusted test CA"), otherKeys);
            return clientKeystore(dir, commonName, other, otherKeys, "untrusted-" + commonName);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("could not generate an untrusted CA: " + e.getMessage(), e);
        }
    }

    private static ClientKeystore clientKeystore(Path dir, String commonName, X509Certificate issuer, KeyPair issuerKeys,
            String fileName) {
        try {
            Files.createDirectories(dir);
            String password = Passwords.random();
            KeyPair keys = newKeyPair();
            X509Certificate cert = clientCertificate(issuer, issuerKeys.getPrivate(), keys, commonName);
            KeyStore store = emptyStore();
            store.setKeyEntry(commonName, keys.getPrivate(), password.toCharArray(), new Certificate[] {cert, issuer});
            Path file = dir.resolve(fileName + "-" + System.nanoTime() + ".p12");
            write(store, file, password);
            return new ClientKeystore(file, password);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a client key store to " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("could not generate a client certificate: " + e.getMessage(), e);
        }
    }

    /** A certificate in PEM form. */
    static String pem(X509Certificate certificate) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        .encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate caCertificate(X500Name name, KeyPair keys)
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = newBuilder(name, name, keys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(keys.getPublic()));
        return sign(builder, keys.getPrivate());
    }

    private static X509Certificate serverCertificate(X500Name caName, X509Certificate ca, PrivateKey caKey,
            KeyPair keys) throws GeneralSecurityException, OperatorCreationException, CertIOException {
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        GeneralNames subjectAltNames = new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.dNSName, "localhost"),
        });
        X509v3CertificateBuilder builder = newBuilder(caName, new X500Name("CN=localhost"), keys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false, subjectAltNames)
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(keys.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(ca));
        return sign(builder, caKey);
    }

    private static X509Certificate clientCertificate(X509Certificate issuer, PrivateKey issuerKey, KeyPair keys,
            String commonName) throws GeneralSecurityException, OperatorCreationException, CertIOException {
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        X500Name issuerName = X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = newBuilder(issuerName, new X500Name("CN=" + commonName), keys)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(keys.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(issuer));
        return sign(builder, issuerKey);
    }

    private static X509v3CertificateBuilder newBuilder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        // Back-dated a little so that a clock skew between processes never makes it "not yet valid".
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws GeneralSecurityException, OperatorCreationException {
        ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(key);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(STORE_TYPE);
        store.load(null, null);
        return store;
    }

    private static void write(KeyStore store, Path file, String password) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
    }
}
