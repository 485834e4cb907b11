"""``gongkai serve``: build and preview the site locally, rebuilding on changes."""

from __future__ import annotations


HELP = "本地预览，修改后自动重新生成"
DESCRIPTION = (
    "在本机生成并预览站点；"
    "content/ 或 site_config.yml 有修改时自动重新生成。"
    "按 Ctrl+C 或结束进程（SIGTERM、SIGHUP）时停止，并删除预览用的临时目录。"
)


def add_arguments(p, site_args) -> None:
    site_args(p)
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    p.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")


def run(args) -> int:
    from ..serve import serve

    return serve(args.root, args.today, args.host, args.port)
