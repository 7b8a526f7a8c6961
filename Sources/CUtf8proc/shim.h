#ifndef KIOSK_CUTF8PROC_SHIM_H
#define KIOSK_CUTF8PROC_SHIM_H

// utf8proc (Debian's libutf8proc-dev): the maintained Unicode tables the kiosk measures text with
// (display width per code point: wide East Asian characters, combining marks, format characters).
#include <utf8proc.h>

#endif
