"""A TCP relay for tests: 127.0.0.1:LISTEN -> 127.0.0.1:TARGET. Prints `ready PORT` once listening.

Killing it cuts every relayed connection at once (a database lost to a node); starting it again on
the same port brings the database back. Usage: tcp_relay.py TARGET_PORT [LISTEN_PORT]
"""
import asyncio
import sys


async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def main():
    target = int(sys.argv[1])
    listen = int(sys.argv[2]) if len(sys.argv) > 2 else 0

    async def relay(client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))

    server = await asyncio.start_server(relay, "127.0.0.1", listen, reuse_address=True)
    print(f"ready {server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
