-- A headless Neovim (0.7 or later) as argmap's language client, for tests/lsp/test_neovim.py.
-- It starts the server for YAML buffers with the built-in client (no plugin), keeps every
-- textDocument/publishDiagnostics it receives, and ArgmapReport() writes them to a file.
-- ARGMAP_LSP_CMD: the server command, as JSON; ARGMAP_ROOT: the workspace folder;
-- ARGMAP_NVIM_OUT: where to write what was received.

local out = os.getenv("ARGMAP_NVIM_OUT")
local cmd = vim.fn.json_decode(os.getenv("ARGMAP_LSP_CMD"))
local root = os.getenv("ARGMAP_ROOT")
local received = {}

local function start()
  local id = vim.lsp.start_client({
    name = "argmap",
    cmd = cmd,
    root_dir = root,
    handlers = {
      ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
        table.insert(received, result)
        return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      end,
    },
  })
  vim.lsp.buf_attach_client(0, id)
end

vim.api.nvim_create_autocmd("FileType", { pattern = "yaml", callback = start })

function ArgmapReport()
  local ok = vim.wait(30000, function() return #received > 0 end, 50)
  local shown = vim.diagnostic.get(0)
  local file = io.open(out, "w")
  file:write(vim.fn.json_encode({ ok = ok, received = received, shown = #shown }))
  file:close()
  vim.cmd("qa!")
end
