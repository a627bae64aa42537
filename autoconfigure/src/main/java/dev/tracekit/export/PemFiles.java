package dev.tracekit.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.pem.PemContent;

/**
 * Reads the PEM files of an exporter's TLS settings at startup, the way the OpenTelemetry exporters
 * will read them at the first export: certificates in X.509 PEM, the client key in unencrypted
 * PKCS#8 PEM with an RSA or EC key. Each check returns what is wrong, in words that name no secret,
 * or null when the file is fine.
 */
final class PemFiles {

	private static final String PKCS8_HEADER = "-----BEGIN PRIVATE KEY-----";

	private PemFiles() {
	}

	/** A readable PEM file holding at least one certificate. */
	static @Nullable String checkCertificates(String file) {
		String text = read(file);
		if (text == null) {
			return "names a file that does not exist or cannot be read; expected a readable PEM file";
		}
		if (text.contains("PRIVATE KEY-----")) {
			return "names a file that holds a private key, not certificates; check that the certificate and key"
					+ " settings are not swapped";
		}
		List<X509Certificate> certificates = certificates(text);
		if (certificates == null || certificates.isEmpty()) {
			return "names a file that holds no PEM certificate (expected '-----BEGIN CERTIFICATE-----' blocks)";
		}
		return null;
	}

	/** A readable unencrypted PKCS#8 PEM key of a kind the exporters load (RSA or EC). */
	static @Nullable String checkPrivateKey(String file) {
		String text = read(file);
		if (text == null) {
			return "names a file that does not exist or cannot be read; expected a readable PEM file";
		}
		if (text.contains("-----BEGIN CERTIFICATE-----") && !text.contains("PRIVATE KEY-----")) {
			return "names a file that holds a certificate, not a private key; check that client-key and"
					+ " client-certificate are not swapped";
		}
		if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
			return "holds an encrypted private key, which the OpenTelemetry exporters cannot read; store it"
					+ " unencrypted (openssl pkcs8 -topk8 -nocrypt)";
		}
		if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
			return "holds a PKCS#1 or SEC1 private key; the OpenTelemetry exporters read PKCS#8 only: convert it"
					+ " with openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem";
		}
		PrivateKey key = (text.contains(PKCS8_HEADER)) ? privateKey(text) : null;
		if (key == null) {
			return "holds no PKCS#8 PEM private key (expected a '" + PKCS8_HEADER + "' block)";
		}
		if (!key.getAlgorithm().equals("RSA") && !key.getAlgorithm().equals("EC")) {
			return "holds a " + key.getAlgorithm() + " key; the OpenTelemetry exporters read RSA and EC keys";
		}
		return null;
	}

	/**
	 * Whether the key signs what the first certificate's public key verifies: a key and a
	 * certificate of different pairs fail every TLS handshake.
	 * @return null when they match or cannot be read (other checks report that)
	 */
	static @Nullable String checkKeyMatchesCertificate(String keyFile, String certificateFile) {
		String keyText = read(keyFile);
		String certificateText = read(certificateFile);
		PrivateKey key = (keyText != null) ? privateKey(keyText) : null;
		List<X509Certificate> certificates = (certificateText != null) ? certificates(certificateText) : null;
		if (key == null || certificates == null || certificates.isEmpty()) {
			return null;
		}
		PublicKey publicKey = certificates.get(0).getPublicKey();
		if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
			return "is a " + key.getAlgorithm() + " key but client-certificate holds a " + publicKey.getAlgorithm()
					+ " key: they are not a pair";
		}
		try {
			String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
			byte[] probe = new byte[32];
			new SecureRandom().nextBytes(probe);
			Signature signer = Signature.getInstance(algorithm);
			signer.initSign(key);
			signer.update(probe);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(publicKey);
			verifier.update(probe);
			return verifier.verify(signature) ? null
					: "does not belong to the certificate in client-certificate: they are not a pair";
		}
		catch (GeneralSecurityException ex) {
			return null;
		}
	}

	private static @Nullable String read(String file) {
		try {
			Path path = Path.of(file);
			if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
				return null;
			}
			return Files.readString(path, StandardCharsets.ISO_8859_1);
		}
		catch (IOException | InvalidPathException ex) {
			return null;
		}
	}

	private static @Nullable List<X509Certificate> certificates(String text) {
		try {
			return PemContent.of(text).getCertificates();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable PrivateKey privateKey(String text) {
		try {
			return PemContent.of(text).getPrivateKey();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
