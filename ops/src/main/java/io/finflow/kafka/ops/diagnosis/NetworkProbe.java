package io.finflow.kafka.ops.diagnosis;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * Plain network checks that Kafka's clients do not report precisely: does the host resolve, does the
 * port accept a TCP connection, does it speak TLS. Sends no Kafka request and no credential.
 */
final class NetworkProbe {

    /** What a TCP connection attempt found. */
    enum Reach {
        OPEN, REFUSED, UNKNOWN_HOST, NO_ANSWER, UNREACHABLE
    }

    /**
     * The outcome for one server.
     *
     * @param server the HOST:PORT tried
     * @param reach  the outcome
     * @param detail the underlying message, for the unusual cases
     */
    record Result(String server, Reach reach, String detail) {
    }

    private NetworkProbe() {
    }

    /** Resolves the host and opens (then closes) a TCP connection to it, within {@code timeout}. */
    static Result tcp(String server, Duration timeout) {
        int colon = server.lastIndexOf(':');
        String host = server.substring(0, colon);
        int port = Integer.parseInt(server.substring(colon + 1));
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return new Result(server, Reach.UNKNOWN_HOST, "host '" + host + "' does not resolve");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) Math.max(1, timeout.toMillis()));
            return new Result(server, Reach.OPEN, "");
        } catch (ConnectException e) {
            return new Result(server, Reach.REFUSED, "nothing listens on " + server);
        } catch (SocketTimeoutException e) {
            return new Result(server, Reach.NO_ANSWER, "no TCP answer from " + server + " within "
                    + timeout.toSeconds() + " s");
        } catch (NoRouteToHostException e) {
            return new Result(server, Reach.UNREACHABLE, "no route to " + server);
        } catch (IOException e) {
            return new Result(server, Reach.UNREACHABLE, server + ": " + e.getMessage());
        }
    }

    /**
     * True when the port answers a TLS handshake (whether or not its certificate is trusted), false when it
     * does not speak TLS, null when it cannot be told. Uses the JVM's default TLS settings; a failed
     * certificate check still proves the port speaks TLS.
     */
    static Boolean speaksTls(String server, Duration timeout) {
        int colon = server.lastIndexOf(':');
        String host = server.substring(0, colon);
        int port = Integer.parseInt(server.substring(colon + 1));
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            plain.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            SSLContext context = SSLContext.getDefault();
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
                tls.startHandshake();
                return true;
            }
        } catch (SSLException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("PKIX") || m.contains("certification path") || m.contains("Received fatal alert")
                    || m.contains("No subject alternative") || m.contains("No name matching")) {
                return true; // the server sent TLS records: it speaks TLS
            }
            return false; // "Unsupported or unrecognized SSL message", "Remote host terminated the handshake"
        } catch (SocketTimeoutException e) {
            return false; // a TLS server answers a ClientHello at once; a Kafka plaintext listener waits for more
        } catch (IOException | GeneralSecurityException e) {
            return null;
        }
    }
}
