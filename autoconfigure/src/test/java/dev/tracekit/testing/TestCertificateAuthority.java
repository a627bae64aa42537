package dev.tracekit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

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
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate authority made at test time, issuing server certificates for
 * loopback and client certificates for mutual TLS. Keys are EC P-256: quick to generate, and read
 * by the OTLP exporters, the JDK and Netty alike.
 */
public final class TestCertificateAuthority {

	private static final AtomicLong serials = new AtomicLong(System.currentTimeMillis());

	private final X500Name name;

	private final KeyPair keys;

	private final X509Certificate certificate;

	private TestCertificateAuthority(X500Name name, KeyPair keys, X509Certificate certificate) {
		this.name = name;
		this.keys = keys;
		this.certificate = certificate;
	}

	/** A new CA with its own key. */
	public static TestCertificateAuthority create(String commonName) {
		X500Name name = new X500Name("CN=" + commonName);
		KeyPair keys = generateKeys();
		X509Certificate certificate = sign(name, keys.getPrivate(), name, keys.getPublic(), (builder) -> {
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		});
		return new TestCertificateAuthority(name, keys, certificate);
	}

	public X509Certificate certificate() {
		return this.certificate;
	}

	/** Writes the CA certificate as PEM, as {@code trusted-certificate} takes it. */
	public Path writeCertificate(Path file) {
		return writePem(file, "CERTIFICATE", encoded(this.certificate));
	}

	/** A server certificate for {@code 127.0.0.1} and {@code localhost}. */
	public IssuedCertificate issueServerCertificate() {
		return issue("tracekit test receiver", KeyPurposeId.id_kp_serverAuth, new GeneralNames(new GeneralName[] {
				new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost") }));
	}

	/** A client certificate for mutual TLS. */
	public IssuedCertificate issueClientCertificate(String commonName) {
		return issue(commonName, KeyPurposeId.id_kp_clientAuth, null);
	}

	private IssuedCertificate issue(String commonName, KeyPurposeId purpose, GeneralNames subjectAlternativeNames) {
		KeyPair keys = generateKeys();
		X509Certificate certificate = sign(this.name, this.keys.getPrivate(), new X500Name("CN=" + commonName),
				keys.getPublic(), (builder) -> {
					builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
					builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
					builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
					if (subjectAlternativeNames != null) {
						builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames);
					}
				});
		return new IssuedCertificate(keys.getPrivate(), certificate);
	}

	private static KeyPair generateKeys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static X509Certificate sign(X500Name issuer, PrivateKey issuerKey, X500Name subject, PublicKey subjectKey,
			Extensions extensions) {
		Instant now = Instant.now();
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
				BigInteger.valueOf(serials.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
				Date.from(now.plus(Duration.ofDays(1))), subject, subjectKey);
		try {
			extensions.addTo(builder);
			ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
			return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
		}
		catch (CertIOException | OperatorCreationException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] encoded(X509Certificate certificate) {
		try {
			return certificate.getEncoded();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Path writePem(Path file, String type, byte[] der) {
		String pem = "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der) + "\n-----END " + type + "-----\n";
		try {
			return Files.writeString(file, pem, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private interface Extensions {

		void addTo(X509v3CertificateBuilder builder) throws CertIOException;

	}

	/**
	 * A new CA, a server certificate it issued and a client certificate whose PEM files are written
	 * to a directory: what a TLS test needs.
	 * @param directory where the CA certificate and the client's certificate and key are written
	 * @return the material
	 */
	public static TlsMaterial issueTlsMaterial(Path directory) {
		TestCertificateAuthority ca = create("tracekit test CA");
		IssuedCertificate client = ca.issueClientCertificate("tracekit test client");
		return new TlsMaterial(ca, ca.writeCertificate(directory.resolve("ca.pem")), ca.issueServerCertificate(),
				client.writeCertificate(directory.resolve("client.pem")), client.writeKey(directory.resolve("client-key.pem")));
	}

	/**
	 * A CA with the certificates it issued for a TLS test.
	 * @param ca the certificate authority
	 * @param caFile its certificate, as PEM
	 * @param serverCertificate a server certificate for loopback
	 * @param clientCertificateFile a client certificate, as PEM
	 * @param clientKeyFile the client's key, as unencrypted PKCS#8 PEM
	 */
	public record TlsMaterial(TestCertificateAuthority ca, Path caFile, IssuedCertificate serverCertificate,
			Path clientCertificateFile, Path clientKeyFile) {

	}

	/**
	 * A certificate this CA issued, with its private key.
	 * @param key the private key
	 * @param certificate the certificate
	 */
	public record IssuedCertificate(PrivateKey key, X509Certificate certificate) {

		/** Writes the certificate as PEM, as {@code client-certificate} takes it. */
		public Path writeCertificate(Path file) {
			return writePem(file, "CERTIFICATE", encoded(this.certificate));
		}

		/** Writes the key as unencrypted PKCS#8 PEM, as {@code client-key} takes it. */
		public Path writeKey(Path file) {
			// The JDK encodes private keys as PKCS#8 already.
			return writePem(file, "PRIVATE KEY", this.key.getEncoded());
		}

	}

}
