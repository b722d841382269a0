;;; check.el --- eglot as an LSP client of dockerfile-stages-server, in batch mode  -*- lexical-binding: t -*-
;; Uses the configuration of docs/editors.md (eglot-server-programs + eglot-workspace-configuration), opens
;; $DS_FILE, waits for Flymake diagnostics from the server, asks for a hover at DS_HOVER_LINE/DS_HOVER_COL
;; (0-based) and prints one JSON object on stdout.  Environment: DS_NODE, DS_SERVER, DS_FILE.
(require 'eglot)
(require 'json)
;; No dockerfile-mode package offline: a stand-in major mode with the same name.
(define-derived-mode dockerfile-mode prog-mode "Dockerfile")
(add-to-list 'eglot-server-programs
             `((dockerfile-mode dockerfile-ts-mode) . (,(getenv "DS_NODE") ,(getenv "DS_SERVER") "--stdio")))
(setq-default eglot-workspace-configuration '(:dockerfileStages (:target "")))
(setq eglot-sync-connect t)

(defun ds--wait (pred seconds)
  "Process events until PRED is non-nil or SECONDS pass (an upper bound, not a sleep)."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))

(let ((result '()))
  (condition-case err
      (progn
        (find-file (getenv "DS_FILE"))
        (dockerfile-mode)
        (apply #'eglot (eglot--guess-contact))
        (unless (eglot-current-server) (error "eglot did not connect"))
        (push (cons 'server (eglot--project-nickname (eglot-current-server))) result)
        (ds--wait (lambda () (flymake-diagnostics)) 30)
        (push (cons 'diagnostics
                    (vconcat (mapcar (lambda (d)
                                       `((line . ,(line-number-at-pos (flymake-diagnostic-beg d)))
                                         (type . ,(symbol-name (flymake-diagnostic-type d)))
                                         (text . ,(flymake-diagnostic-text d))))
                                     (flymake-diagnostics))))
              result)
        (goto-char (point-min))
        (forward-line (string-to-number (or (getenv "DS_HOVER_LINE") "0")))
        (forward-char (string-to-number (or (getenv "DS_HOVER_COL") "0")))
        (let ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover
                                      (eglot--TextDocumentPositionParams))))
          (push (cons 'hover (plist-get hover :contents)) result))
        (push (cons 'status "ok") result))
    (error (push (cons 'status (format "error: %S" err)) result)))
  (princ (json-encode result))
  (terpri)
  (ignore-errors (eglot-shutdown (eglot-current-server)))
  (kill-emacs 0))
