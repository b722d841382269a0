-- Headless Neovim as a real LSP client of dockerfile-stages-server (test/editors/neovim.test.ts runs it).
-- Starts `node dist/server.js --stdio` the way a user's config does, opens a Dockerfile, waits for the
-- server's diagnostics, asks for a hover, and writes what Neovim received as JSON to $DS_OUT, then quits.
-- Environment: DS_NODE (node binary), DS_SERVER (dist/server.js), DS_FILE (the Dockerfile), DS_OUT (result
-- file), DS_HOVERS (0-based positions to hover, 'line:col;line:col'), DS_TIMEOUT_MS (upper bound of each wait).
local env = vim.env
local timeout = tonumber(env.DS_TIMEOUT_MS or '30000')
local result = { nvim = vim.version(), events = {} }

local function finish(status)
  result.status = status
  local f = assert(io.open(env.DS_OUT, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(env.DS_FILE))
  vim.bo.filetype = 'dockerfile'
  local bufnr = vim.api.nvim_get_current_buf()
  local config = {
    name = 'dockerfile-stages',
    cmd = { env.DS_NODE, env.DS_SERVER, '--stdio' },
    root_dir = vim.fn.fnamemodify(env.DS_FILE, ':p:h'),
    settings = { dockerfileStages = { target = '' } },
    on_exit = function(code) table.insert(result.events, 'exit ' .. tostring(code)) end,
  }
  local client_id
  if vim.lsp.start then
    -- Neovim 0.8+: the documented way.
    client_id = vim.lsp.start(config)
    result.api = 'vim.lsp.start'
  else
    -- Neovim 0.7 (Debian bookworm): start_client + buf_attach_client.
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(bufnr, client_id)
    result.api = 'vim.lsp.start_client'
  end
  assert(client_id, 'the language server did not start')

  -- Wait (event-driven, bounded) for the initialize handshake, then for published diagnostics.
  local initialized = vim.wait(timeout, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return (c ~= nil and c.initialized == true) or #result.events > 0
  end, 20)
  if not initialized or #result.events > 0 then return finish('the server did not initialize') end
  local client = vim.lsp.get_client_by_id(client_id)
  result.hoverProvider = client.server_capabilities and client.server_capabilities.hoverProvider or (client.resolved_capabilities and client.resolved_capabilities.hover)

  local got = vim.wait(timeout, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
  if not got then return finish('no diagnostics') end
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, severity = d.severity, message = d.message, source = d.source })
  end

  -- DS_HOVERS: 0-based positions 'line:col;line:col'; one hover answer (or vim.NIL) per position, in order.
  result.hover = {}
  for line, col in string.gmatch(env.DS_HOVERS or '0:0', '(%d+):(%d+)') do
    local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = tonumber(line), character = tonumber(col) } }
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, timeout)
    local answer = vim.NIL
    for _, r in pairs(responses or {}) do
      if r.result then answer = r.result end
      if r.err then result.hoverError = r.err end
    end
    table.insert(result.hover, answer)
  end
  client.stop()
  finish('ok')
end)
if not ok then
  result.error = tostring(err)
  finish('error')
end
