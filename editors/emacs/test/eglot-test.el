;;; eglot-test.el --- headless test of nianbao's language server with eglot  -*- lexical-binding: t -*-
;; Run by run.sh: emacs --batch -l eglot-test.el, with NIANBAO_REPO (the repository) and
;; NIANBAO_REPORT (a copy of examples/reports/with-defects-2025.md) set and nianbao on PATH.
;; Evaluates the ```elisp block of the README's "### Emacs" section, opens the report (markdown-mode,
;; whose hook runs eglot-ensure), waits for the A01 diagnostic on the （七）总计 line, applies the
;; preferred quick fix at the 344 cell, and waits for fresh diagnostics without A01/A02.

(require 'cl-lib)
(require 'eglot)
(require 'markdown-mode)
(require 'flymake)

(defun nianbao-test-say (fmt &rest args)
  (princ (format "[emacs %s, eglot] %s\n" emacs-version (apply #'format fmt args))))

(defun nianbao-test-fail (fmt &rest args)
  (nianbao-test-say "FAIL: %s" (apply #'format fmt args))
  (kill-emacs 1))

(defun nianbao-test-wait (seconds pred)
  "Waits up to SECONDS for PRED, handling process output and timers meanwhile."
  (let ((deadline (+ (float-time) seconds)) ok)
    (while (and (not (setq ok (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05)
      ;; Idle timers (eglot sends didChange from one) never fire in batch mode: fire them, as
      ;; an idle editor would.
      (dolist (timer (copy-sequence timer-idle-list))
        (timer-event-handler timer)))
    ok))

(defun nianbao-test-codes (&optional line)
  "The diagnostic codes shown by Flymake (on LINE, when given)."
  (let (codes)
    (dolist (d (flymake-diagnostics))
      (when (or (null line)
                (= line (line-number-at-pos (flymake-diagnostic-beg d))))
        (when (string-match "\\[\\([A-Z][0-9]+\\)\\]" (flymake-diagnostic-text d))
          (push (match-string 1 (flymake-diagnostic-text d)) codes))))
    (sort (delete-dups codes) #'string<)))

(let* ((repo (or (getenv "NIANBAO_REPO") (nianbao-test-fail "NIANBAO_REPO not set")))
       (report (or (getenv "NIANBAO_REPORT") (nianbao-test-fail "NIANBAO_REPORT not set")))
       (readme (with-temp-buffer
                 (insert-file-contents (expand-file-name "README.md" repo))
                 (buffer-string)))
       (start (string-match "^### Emacs" readme))
       (block-start (and start (string-match "^```elisp\n" readme start)))
       (block-end (and block-start (string-match "^```$" readme (match-end 0))))
       line)
  (unless block-end
    (nianbao-test-fail "README.md: no ```elisp block under ### Emacs"))
  ;; 1. The README's block, then the report.
  (with-temp-buffer
    (insert (substring readme (+ block-start (length "```elisp\n")) block-end))
    (eval-buffer))
  (find-file report)
  (nianbao-test-say "opened %s in %s" report major-mode)
  ;; eglot-ensure connects from post-command-hook, which batch mode never runs by itself.
  (run-hooks 'post-command-hook)
  (unless (nianbao-test-wait 20 (lambda () (eglot-current-server)))
    (nianbao-test-fail "eglot did not connect to nianbao within 20 s"))
  (nianbao-test-say "eglot connected: %s" (jsonrpc-name (eglot-current-server)))
  ;; 2. A01 (the one error of the wrong 344) on the （七）总计 line.
  (goto-char (point-min))
  (unless (search-forward "（七）总计" nil t)
    (nianbao-test-fail "no （七）总计 line"))
  (setq line (line-number-at-pos))
  (unless (nianbao-test-wait 20 (lambda ()
                                  (flymake-start)
                                  (member "A01" (nianbao-test-codes line))))
    (nianbao-test-fail "no A01 on line %d within 20 s; diagnostics: %S" line (nianbao-test-codes)))
  (nianbao-test-say "line %d: %S" line (nianbao-test-codes line))
  ;; 3. The preferred quick fix at the 344 cell, chosen as a user would (the default choice).
  (unless (search-forward "| 344 |" (line-end-position) t)
    (nianbao-test-fail "no | 344 | cell on line %d" line))
  (let* ((beg (- (point) 5))
         (actions (eglot-code-actions beg (+ beg 3) "quickfix"))
         (titles (mapcar (lambda (a) (concat (plist-get a :title)
                                             (if (eq (plist-get a :isPreferred) t) " [preferred]" "")))
                         actions)))
    (nianbao-test-say "code actions: %s" (mapconcat #'identity titles " | "))
    (cl-letf (((symbol-function 'completing-read)
               (lambda (_prompt _coll &optional _pred _req _init _hist def &rest _) def)))
      (let ((last-nonmenu-event 13))
        (eglot-code-actions beg (+ beg 3) "quickfix" t))))
  (let ((now (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
    (unless (string-suffix-p "| 338 |" now)
      (nianbao-test-fail "after the quick fix, line %d is: %s" line now))
    (nianbao-test-say "after the quick fix: %s" now))
  ;; 4. Fresh diagnostics without A01/A02: eglot sends didChange from an idle timer, the server
  ;; publishes again. Until then Flymake keeps the old ones, A01 included.
  (unless (nianbao-test-wait 20 (lambda ()
                                  (flymake-start)
                                  (let ((all (nianbao-test-codes)))
                                    (and all (not (member "A01" all)) (not (member "A02" all))))))
    (nianbao-test-fail "diagnostics still %S 20 s after the fix" (nianbao-test-codes)))
  (nianbao-test-say "diagnostics refreshed: %S" (nianbao-test-codes))
  (eglot-shutdown (eglot-current-server))
  (nianbao-test-say "PASS")
  (kill-emacs 0))
