;;; drive.el --- Drives eglot as a user would, after the recipe of docs/other-editors.md (init.el) set it up  -*- lexical-binding: t -*-
;; Opens each probe's file, hovers the needle and goes to its definition, and writes what eglot got
;; to a JSON file. Run by emacs.test.ts as `emacs --batch --user '' -l drive.el`, the recipe in
;; ~/.emacs.d/init.el.
(require 'json)
(require 'xref)

(defun policy-lens-probe (probe)
  (let ((file (plist-get probe :file))
        (needle (plist-get probe :needle)))
    (find-file file)
    ;; eglot-ensure connects after the command that opened the file: here, no command loop runs it.
    (run-hooks 'post-command-hook)
    (with-timeout (20 (error "The recipe started no eglot server for %s" file))
      (while (not (bound-and-true-p eglot--managed-mode)) (accept-process-output nil 0.05)))
    (goto-char (point-min))
    (search-forward needle)
    (goto-char (match-beginning 0))
    ;; Emacs counts characters; eglot converts to LSP's UTF-16 columns.
    (let* ((server (eglot-current-server))
           (hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))
           (result (list (cons 'file file)
                         (cons 'needle needle)
                         (cons 'position (eglot--pos-to-lsp-position))
                         (cons 'hover (and hover (plist-get (plist-get hover :contents) :value))))))
      (when (plist-get probe :definition)
        ;; What M-. does: eglot's xref definitions, and xref visits the first.
        (xref-pop-to-location (car (xref-backend-definitions 'eglot (xref-backend-identifier-at-point 'eglot))))
        (push (cons 'opened (list (cons 'file buffer-file-name)
                                  (cons 'text (buffer-substring-no-properties (point) (line-end-position)))))
              result))
      result)))

(let* ((spec (let ((json-object-type 'plist) (json-array-type 'list) (json-false nil))
               (json-read-file (getenv "POLICY_LENS_PROBES"))))
       (results '())
       (error-text nil))
  (condition-case err
      (dolist (probe (plist-get spec :probes))
        (push (policy-lens-probe probe) results))
    (error (setq error-text (error-message-string err))))
  (with-temp-file (plist-get spec :output)
    (insert (json-encode (list (cons 'results (vconcat (nreverse results))) (cons 'error error-text))))))
(kill-emacs 0)
;;; drive.el ends here
