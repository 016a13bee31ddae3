"""A TCP proxy in front of the test cluster, so a test can make Elasticsearch hang or stop in
the middle of a run, whether the cluster is noida-db or a real Elasticsearch 8."""

from __future__ import annotations

import contextlib
import socket
import threading


class ClusterProxy:
    def __init__(self, upstream_url: str):
        host_port = upstream_url.split("://", 1)[-1].rstrip("/")
        host, port = host_port.rsplit(":", 1)
        self.upstream = (host, int(port))
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.mode = "forward"  # forward | hang | down
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def hang(self) -> None:
        """Keep accepting and reading, never answer: the client must give up at its timeout."""
        self.mode = "hang"

    def stop(self) -> None:
        """As if the cluster died: open connections are cut, new ones refused."""
        self.mode = "down"
        with self.lock:
            for sock in [self.listener, *self.sockets]:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def _accept(self) -> None:
        while self.mode != "down":
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream, timeout=30)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets += [client, server]
            threading.Thread(target=self._pipe, args=(client, server), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client), daemon=True).start()

    def _pipe(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                if self.mode == "forward":
                    target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.close()
