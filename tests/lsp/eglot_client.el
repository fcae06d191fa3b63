;;; eglot_client.el --- Emacs (28 or later) with eglot as argmap's client, in batch mode.
;;
;; For tests/lsp/test_emacs.py: opens ARGMAP_FILE, connects eglot to ARGMAP_LSP_CMD (a
;; command line split on spaces), waits for the file's diagnostics, asks for the definition
;; of the id under ARGMAP_DEFINITION_OF (the first occurrence in the file) and for the hover
;; there, and writes what came back to ARGMAP_OUT, one Lisp value per line (the hover's
;; first line only).

;; Debian's elpa-eglot (and its newer project and xref) live here; -Q leaves them out.
(dolist (dir (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
  (add-to-list 'load-path dir))
(require 'eglot)
(require 'cl-lib)

(define-derived-mode argmap-yaml-mode prog-mode "argmap-yaml"
  "A stand-in for `yaml-mode', which a bare Emacs 28 lacks.")
(add-to-list 'auto-mode-alist '("\\.ya?ml\\'" . argmap-yaml-mode))
(add-to-list 'eglot-server-programs
             `(argmap-yaml-mode . ,(split-string (getenv "ARGMAP_LSP_CMD"))))

(defvar argmap-received nil "The (URI . number of diagnostics) received, latest first.")
(cl-defmethod eglot-handle-notification :before
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri diagnostics
           &allow-other-keys)
  (push (cons uri (length diagnostics)) argmap-received))

(find-file (getenv "ARGMAP_FILE"))
(apply #'eglot (eglot--guess-contact))
(with-timeout (30 (message "no diagnostics within 30 s"))
  (while (null argmap-received) (accept-process-output nil 0.1)))

(goto-char (point-min))
(search-forward (getenv "ARGMAP_DEFINITION_OF"))
(backward-char 1)
(let* ((found (xref-backend-definitions 'eglot (xref-backend-identifier-at-point 'eglot)))
       (places (mapcar (lambda (item)
                         (let ((where (xref-item-location item)))
                           (list (file-name-nondirectory (xref-file-location-file where))
                                 (xref-file-location-line where))))
                       found))
       (hover (jsonrpc-request (eglot-current-server) :textDocument/hover
                               (eglot--TextDocumentPositionParams))))
  (with-temp-file (getenv "ARGMAP_OUT")
    (prin1 argmap-received (current-buffer)) (insert "\n")
    (prin1 places (current-buffer)) (insert "\n")
    (prin1 (car (split-string (plist-get (plist-get hover :contents) :value) "\n"))
           (current-buffer))
    (insert "\n")))
(kill-emacs 0)
