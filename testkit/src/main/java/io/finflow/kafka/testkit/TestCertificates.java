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
 * and chain) and trust store (CA only) under one generated password.
 *
 * <p>Keys are EC P-256, quick to generate. BouncyCastle only builds the certificates; signing and the
 * key stores use the JDK's own providers, so nothing is registered globally.
 */
final class TestCertificates {

    static final String STORE_TYPE = "PKCS12";
    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final String SIGNATURE = "SHA256withECDSA";

    private final Path keystore;
    private final Path truststore;
    private final String password;

    private TestCertificates(Path keystore, Path truststore, String password) {
        this.keystore = keystore;
        this.truststore = truststore;
        this.password = password;
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

            TestCertificates certs = new TestCertificates(dir.resolve("keystore.p12"),
                    dir.resolve("truststore.p12"), password);
            write(keys, certs.keystore, password);
            write(trust, certs.truststore, password);
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
