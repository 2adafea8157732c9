"""A real SMTP server for the tests: accepts every message on 127.0.0.1 and saves each as one .eml file.

Usage: /usr/bin/python3 smtp_capture.py PORT FOLDER   (Debian package python3-aiosmtpd)
It runs until SIGTERM/SIGINT or until its standard input reaches end of file (the test that started it is gone).
A file appears only once complete (written under a temporary name, then renamed), so a reader never sees half a mail.
"""
import asyncio
import os
import signal
import sys
import threading
import uuid

from aiosmtpd.controller import Controller


class SaveToFolder:
    def __init__(self, folder):
        self.folder = folder

    async def handle_DATA(self, server, session, envelope):
        name = uuid.uuid4().hex
        temporary = os.path.join(self.folder, name + ".tmp")
        with open(temporary, "wb") as stream:
            stream.write(envelope.original_content or envelope.content)
        os.replace(temporary, os.path.join(self.folder, name + ".eml"))
        return "250 Message accepted for delivery"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(SaveToFolder(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    stop = asyncio.Event()
    loop = asyncio.new_event_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    # The test holds our stdin open; end of file means the test process is gone (even killed), so stop with it.
    def watch_parent():
        sys.stdin.buffer.read()
        loop.call_soon_threadsafe(stop.set)

    threading.Thread(target=watch_parent, daemon=True).start()
    loop.run_until_complete(stop.wait())
    controller.stop()


if __name__ == "__main__":
    main()
