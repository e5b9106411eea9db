#!/usr/bin/env python3
"""A tiny real HTTP/1.1 peer on loopback for the engine tests, for what the project's simulator
has no reason to do: echo a request, set an arbitrary cookie, redirect to another scheme, stream
a body with no length.

Prints its port on the first line.
--blackhole instead listens with a full accept queue, so connecting never completes.
--proxy-to PORT is an HTTP CONNECT proxy that tunnels every target to 127.0.0.1:PORT and
appends each CONNECT target to the file given after it. With --auth USER:PASSWORD after that, it
answers a CONNECT without those Basic credentials 407 (logged as "407 TARGET") on the same
connection, as an authenticating proxy does.
"""
import base64
import json
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go in separate writes

    def log_message(self, *args):
        pass

    def answer(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        if url.path == "/stream":  # chunked: no Content-Length to refuse early
            total = int(query["n"][0])
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"b" * 65536
            sent = 0
            try:
                while sent < total:
                    piece = chunk[: min(len(chunk), total - sent)]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                    sent += len(piece)
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if url.path == "/redirect":
            return self.answer(302, b"", [("Location", "ftp://127.0.0.1/file")])
        if url.path == "/setcookie":
            return self.answer(200, b"set", [("Set-Cookie", "CMCSESSION=s3cr3t; Path=/; HttpOnly")])
        if url.path == "/echo":
            reply = {"method": self.command, "headers": [[k, v] for k, v in self.headers.items()],
                     "body": base64.b64encode(body).decode()}
            return self.answer(200, json.dumps(reply).encode(), [("Content-Type", "application/json")])
        return self.answer(404, b"not found")

    do_GET = do_POST = do_DELETE = do_PUT = handle_any


def blackhole():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(4):  # fill the accept queue; later SYNs are dropped
        filler = socket.socket()
        filler.setblocking(False)
        try:
            filler.connect(("127.0.0.1", port))
        except BlockingIOError:
            pass
        fillers.append(filler)
    print(port, flush=True)
    threading.Event().wait()


def proxy(port, log, auth=None):
    def pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            sink.close()

    expected = auth and "Basic " + base64.b64encode(auth.encode()).decode()

    def serve(client):
        request = b""
        while True:
            while b"\r\n\r\n" not in request:
                chunk = client.recv(4096)
                if not chunk:
                    return client.close()
                request += chunk
            head, _, request = request.partition(b"\r\n\r\n")
            lines = head.decode().split("\r\n")
            target = lines[0].split(" ")[1]
            given = [line.split(":", 1)[1].strip() for line in lines[1:] if line.lower().startswith("proxy-authorization:")]
            if not expected or given == [expected]:
                break
            with open(log, "a") as f:
                f.write("407 " + target + "\n")
            client.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                           b"Proxy-Authenticate: Basic realm=\"peer\"\r\nContent-Length: 0\r\n\r\n")
        with open(log, "a") as f:
            f.write(target + "\n")
        upstream = socket.create_connection(("127.0.0.1", port))
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()
        pipe(upstream, client)

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    print(listener.getsockname()[1], flush=True)
    while True:
        client, _ = listener.accept()
        threading.Thread(target=serve, args=(client,), daemon=True).start()


def main():
    if sys.argv[1:] == ["--blackhole"]:
        return blackhole()
    if len(sys.argv) == 4 and sys.argv[1] == "--proxy-to":
        return proxy(int(sys.argv[2]), sys.argv[3])
    if len(sys.argv) == 6 and sys.argv[1] == "--proxy-to" and sys.argv[4] == "--auth":
        return proxy(int(sys.argv[2]), sys.argv[3], sys.argv[5])
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
