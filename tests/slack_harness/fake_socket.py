"""Slack's Socket Mode endpoint, faked: the WebSocket that ``apps.connections.open`` hands out.

The fake Web API serves it on its own port at ``/socket``; slack_sdk's built-in Socket Mode
client connects to it for real (HTTP upgrade, masked frames, ping/pong). A test then pushes
envelopes as Slack does and reads the app's acks::

    fake.sockets.wait_connected()                       # the n-th connection is up (after "hello")
    fake.sockets.send_event({...event_callback body...})  # an events_api envelope; returns its id
    fake.sockets.send_command({...slash command fields...})
    fake.sockets.wait_ack(envelope_id)                   # the app's acknowledgement payload
    fake.sockets.go_silent()                             # keep TCP open, stop answering pings:
                                                         # the dead connection long-running apps meet
"""
from __future__ import annotations

import base64
import hashlib
import json
import socket
import struct
import threading
from itertools import count
from typing import Any

_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TEXT, CLOSE, PING, PONG = 0x1, 0x8, 0x9, 0xA


def _accept_key(key: str) -> str:
    return base64.b64encode(hashlib.sha1((key + _GUID).encode()).digest()).decode()


def _frame(opcode: int, payload: bytes) -> bytes:
    length = len(payload)
    if length < 126:
        head = struct.pack("!BB", 0x80 | opcode, length)
    elif length < 1 << 16:
        head = struct.pack("!BBH", 0x80 | opcode, 126, length)
    else:
        head = struct.pack("!BBQ", 0x80 | opcode, 127, length)
    return head + payload


def _read_exactly(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


def _read_frame(sock: socket.socket) -> tuple[int, bytes]:
    first, second = _read_exactly(sock, 2)
    length = second & 0x7F
    if length == 126:
        (length,) = struct.unpack("!H", _read_exactly(sock, 2))
    elif length == 127:
        (length,) = struct.unpack("!Q", _read_exactly(sock, 8))
    mask = _read_exactly(sock, 4) if second & 0x80 else b""
    payload = _read_exactly(sock, length)
    if mask:
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return first & 0x0F, payload


class _Connection:
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.lock = threading.Lock()
        self.silent = False

    def send(self, opcode: int, payload: bytes) -> None:
        with self.lock:
            self.sock.sendall(_frame(opcode, payload))


class FakeSocketMode:
    """Connections made by the client, newest last; all methods are thread-safe."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._connections: list[_Connection] = []
        self._acks: dict[str, Any] = {}
        self._ids = count(1)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"ws://127.0.0.1:{self._listener.getsockname()[1]}/socket"
        threading.Thread(target=self._accept, name="fake-socket-mode", daemon=True).start()

    def close(self) -> None:
        self._listener.close()
        with self._changed:
            for connection in self._connections:
                try:
                    connection.sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                connection.sock.close()

    @property
    def connections(self) -> int:
        with self._changed:
            return len(self._connections)

    def wait_connected(self, count: int = 1, timeout: float = 20.0) -> None:
        """The deadline allows for a bot process starting on a busy machine (imports, migrations)."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self._connections) >= count, timeout):
                raise AssertionError(f"expected {count} Socket Mode connection(s) within {timeout}s, got {len(self._connections)}")

    def go_silent(self) -> None:
        """The newest connection stays open but answers nothing, not even pings."""
        with self._changed:
            self._connections[-1].silent = True

    def _envelope(self, kind: str, payload: dict[str, Any]) -> str:
        envelope_id = f"envelope-{next(self._ids)}"
        message = {"envelope_id": envelope_id, "type": kind, "payload": payload, "accepts_response_payload": kind != "events_api"}
        if kind == "events_api":
            message.update(retry_attempt=0, retry_reason="")
        with self._changed:
            connection = self._connections[-1]
        connection.send(TEXT, json.dumps(message).encode())
        return envelope_id

    def send_event(self, body: dict[str, Any]) -> str:
        return self._envelope("events_api", body)

    def send_command(self, fields: dict[str, Any]) -> str:
        return self._envelope("slash_commands", fields)

    def wait_ack(self, envelope_id: str, timeout: float = 5.0) -> Any:
        with self._changed:
            if not self._changed.wait_for(lambda: envelope_id in self._acks, timeout):
                raise AssertionError(f"no ack for {envelope_id} within {timeout}s")
            return self._acks[envelope_id]

    def _accept(self) -> None:
        while True:
            try:
                sock, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(sock,), daemon=True).start()

    def _serve(self, sock: socket.socket) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = sock.recv(4096)
            if not chunk:
                return
            request += chunk
        headers = dict(
            line.split(": ", 1) for line in request.decode().split("\r\n")[1:] if ": " in line
        )
        key = {k.lower(): v for k, v in headers.items()}["sec-websocket-key"]
        sock.sendall(
            b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + f"Sec-WebSocket-Accept: {_accept_key(key)}\r\n\r\n".encode()
        )
        connection = _Connection(sock)
        hello = {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0BORGMESTER"}}
        connection.send(TEXT, json.dumps(hello).encode())
        with self._changed:
            self._connections.append(connection)
            self._changed.notify_all()
        self._read(connection)

    def _read(self, connection: _Connection) -> None:
        while True:
            try:
                opcode, payload = _read_frame(connection.sock)
            except (ConnectionError, OSError):
                return
            if connection.silent:
                continue
            if opcode == PING:
                connection.send(PONG, payload)
            elif opcode == CLOSE:
                return
            elif opcode == TEXT:
                ack = json.loads(payload)
                with self._changed:
                    self._acks[ack["envelope_id"]] = ack.get("payload")
                    self._changed.notify_all()
