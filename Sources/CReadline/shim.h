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

/// Readline reads every key through this function (the kiosk filters escape sequences in it).
static inline void kiosk_rl_set_getc(rl_getc_func_t *function) { rl_getc_function = function; }

/// A keymap with only the keys the kiosk uses, so no other key (and no key sequence readline would
/// otherwise act on: vi mode, numeric arguments, comment insertion, quoted insert, bracketed paste)
/// does anything: typing (every printable byte and every byte of a UTF-8 character), Enter, Backspace,
/// Delete, Ctrl-D, Ctrl-A/E/B/F, Ctrl-U/K, the arrow keys left and right, Home and End, and `hide`.
static inline Keymap kiosk_rl_minimal_keymap(rl_command_func_t *hide) {
    Keymap map = rl_make_bare_keymap();
    for (int c = 32; c < 127; c++) { map[c].type = ISFUNC; map[c].function = rl_insert; }
    for (int c = 128; c < 256; c++) { map[c].type = ISFUNC; map[c].function = rl_insert; }
    map['\r'].type = ISFUNC; map['\r'].function = rl_newline;
    map['\n'].type = ISFUNC; map['\n'].function = rl_newline;
    map[127].type = ISFUNC; map[127].function = rl_rubout;
    map[8].type = ISFUNC; map[8].function = rl_rubout;
    map[4].type = ISFUNC; map[4].function = rl_delete;
    map[1].type = ISFUNC; map[1].function = rl_beg_of_line;
    map[5].type = ISFUNC; map[5].function = rl_end_of_line;
    map[2].type = ISFUNC; map[2].function = rl_backward_char;
    map[6].type = ISFUNC; map[6].function = rl_forward_char;
    map[21].type = ISFUNC; map[21].function = rl_unix_line_discard;
    map[11].type = ISFUNC; map[11].function = rl_kill_line;
    map[0x18].type = ISFUNC; map[0x18].function = hide;
    const char *left[] = { "\033[D", "\033OD" }, *right[] = { "\033[C", "\033OC" };
    const char *home[] = { "\033[H", "\033OH", "\033[1~", "\033[7~" }, *end[] = { "\033[F", "\033OF", "\033[4~", "\033[8~" };
    for (int i = 0; i < 2; i++) { rl_bind_keyseq_in_map(left[i], rl_backward_char, map); rl_bind_keyseq_in_map(right[i], rl_forward_char, map); }
    for (int i = 0; i < 4; i++) { rl_bind_keyseq_in_map(home[i], rl_beg_of_line, map); rl_bind_keyseq_in_map(end[i], rl_end_of_line, map); }
    rl_bind_keyseq_in_map("\033[3~", rl_delete, map);
    return map;
}

#endif
