"""Chinese for what the system says in English: an OSError's reason. Messages of ours never
carry a library's or the system's English text (a test holds every finding and import report
to that)."""
from __future__ import annotations

import errno

_ERRNO_ZH = {
    errno.ENOENT: "文件或目录不存在",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "操作不被允许",
    errno.EISDIR: "这是一个目录",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统是只读的",
    errno.ENAMETOOLONG: "文件名过长",
    errno.ELOOP: "符号链接层数过多或不允许跟随符号链接",
    errno.EMFILE: "打开的文件过多",
    errno.EIO: "读写设备出错",
    errno.EEXIST: "文件已存在",
    errno.EBUSY: "文件正被占用",
    errno.ENXIO: "设备不存在或未就绪",
    errno.EAGAIN: "资源暂时不可用",
    errno.EINVAL: "参数无效",
}


def os_error(exc: OSError) -> str:
    """The reason of an OSError in Chinese, with its error number for a bug report."""
    reason = _ERRNO_ZH.get(exc.errno or -1)
    if reason is None:
        return f"系统错误（错误号 {exc.errno}）" if exc.errno else "系统错误"
    return reason
