#ifndef KIOSK_CREADLINE_SHIM_H
#define KIOSK_CREADLINE_SHIM_H

// GNU readline for the kiosk's terminal adapter.
// readline.h needs FILE from stdio.h before it is included.
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <readline/readline.h>
#include <readline/history.h>

// Swift 6 rejects direct use of mutable C globals, so each one the kiosk
// touches is wrapped here. All of them are called from one thread only.

static inline void kiosk_rl_set_readline_name(const char *name) { rl_readline_name = name; }
static inline void kiosk_rl_inhibit_completion(void) { rl_inhibit_completion = 1; }
static inline void kiosk_rl_disable_signal_handling(void) {
    rl_catch_signals = 0;
    rl_catch_sigwinch = 1;
}

/// Marks the process as not dumpable: no core file, no ptrace attach by other processes of the user.
static inline void kiosk_forbid_dumps(void) { prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); }

/// Standard output, for Swift 6 code (the C global is mutable state to Swift).
static inline FILE *kiosk_stdout(void) { return stdout; }
/// Standard error, for Swift 6 code.
static inline FILE *kiosk_stderr(void) { return stderr; }

/// Unbinds one named command in every keymap readline may use (emacs and vi).
static inline void kiosk_rl_unbind_everywhere(const char *command) {
    rl_unbind_command_in_map(command, emacs_standard_keymap);
    rl_unbind_command_in_map(command, emacs_meta_keymap);
    rl_unbind_command_in_map(command, emacs_ctlx_keymap);
    rl_unbind_command_in_map(command, vi_insertion_keymap);
    rl_unbind_command_in_map(command, vi_movement_keymap);
}

/// Binds one key straight to a command in the emacs and vi keymaps. Written into the keymap entry
/// itself: rl_bind_key on a prefix key (like C-x in emacs mode) would only bind it when followed by
/// another key, so the command would wait for the next keystroke.
static inline void kiosk_rl_bind_everywhere(int key, rl_command_func_t *function) {
    Keymap maps[3] = { emacs_standard_keymap, vi_insertion_keymap, vi_movement_keymap };
    for (int i = 0; i < 3; i++) {
        maps[i][key].type = ISFUNC;
        maps[i][key].function = function;
    }
}

/// Empties the line being edited (after a signal, or once a line is done), wiping its text.
static inline void kiosk_rl_discard_line(void) {
    if (rl_line_buffer != NULL && rl_end > 0) {
        memset(rl_line_buffer, 0, (size_t)rl_end);
    }
    rl_replace_line("", 1);
    rl_point = 0;
    rl_end = 0;
    rl_mark = 0;
}

#endif
