-- Drives the real Neovim LSP client (vim.lsp.start_client, Neovim 0.7+) against the M1 Ops language
-- server, headless: waits for diagnostics (events, polled by vim.wait: no fixed sleep), asks for the
-- quick fixes of a line and applies one the way :lua vim.lsp.buf.code_action() would, hovers and
-- completes. Everything observed goes to the JSON file named by $M1_RESULT; test/lsp/neovim.test.ts
-- asserts on it. Arguments come from the environment: M1_NODE, M1_SERVER, M1_RESULT.
local result = { steps = {} }
-- Upper bound of each wait (vim.wait returns as soon as its condition holds; this only ends a hang).
local TIMEOUT = 30000

local function step(name) table.insert(result.steps, name) end

local function run()
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'm1-ops',
    cmd = { os.getenv('M1_NODE'), os.getenv('M1_SERVER'), '--stdio' },
    root_dir = vim.fn.expand('%:p:h'),
    settings = { m1ops = { validation = { schema = 'm1' } } },
    -- Neovim 0.7 sends no settings by itself (:help vim.lsp.start_client, on_init): the user's
    -- config does, as here, and the server must take them from didChangeConfiguration.
    on_init = function(c)
      c.notify('workspace/didChangeConfiguration', { settings = c.config.settings })
    end,
  })
  assert(client_id, 'start_client failed')
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  step('started')

  -- Diagnostics arrive by publishDiagnostics (Neovim 0.7 cannot pull).
  local have = vim.wait(TIMEOUT, function() return #vim.diagnostic.get(bufnr) >= 4 end, 10)
  result.diagnostics_arrived = have
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { lnum = d.lnum, code = d.code, message = d.message, severity = d.severity })
  end
  step('diagnostics')

  local uri = vim.uri_from_bufnr(bufnr)
  -- The line's diagnostics as LSP objects, as code_action() builds them (0.7: get_line_diagnostics;
  -- later versions keep the LSP object in user_data.lsp).
  local function line_diagnostics(line)
    if vim.lsp.diagnostic.get_line_diagnostics then return vim.lsp.diagnostic.get_line_diagnostics(bufnr, line) end
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr, { lnum = line })) do
      table.insert(out, (d.user_data or {}).lsp or { range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } }, message = d.message, code = d.code, source = d.source })
    end
    return out
  end
  local function actions_on(line)
    local params = {
      textDocument = { uri = uri },
      range = { start = { line = line, character = 0 }, ['end'] = { line = line, character = 0 } },
      -- What vim.lsp.buf.code_action() sends: the line's diagnostics, converted back to LSP.
      context = { diagnostics = line_diagnostics(line) },
    }
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, TIMEOUT)
    local out = {}
    for _, r in pairs(responses or {}) do
      for _, a in ipairs(r.result or {}) do table.insert(out, a) end
    end
    return out
  end

  local renames = {}
  for _, a in ipairs(actions_on(0)) do table.insert(renames, { title = a.title, preferred = a.isPreferred == true }) end
  result.line0_actions = renames

  local applied = nil
  for _, a in ipairs(actions_on(1)) do
    if a.edit and a.title:find('production', 1, true) then
      vim.lsp.util.apply_workspace_edit(a.edit, client.offset_encoding or 'utf-16')
      applied = a.title
      break
    end
  end
  result.applied = applied
  result.lines_after_fix = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  step('quickfix')

  local function request(method, params)
    local responses = vim.lsp.buf_request_sync(bufnr, method, params, TIMEOUT)
    for _, r in pairs(responses or {}) do return r.result end
    return nil
  end
  local hover = request('textDocument/hover', { textDocument = { uri = uri }, position = { line = 2, character = 16 } })
  result.hover = hover and hover.contents or vim.NIL
  local keyhover = request('textDocument/hover', { textDocument = { uri = uri }, position = { line = 1, character = 2 } })
  result.key_hover = keyhover and keyhover.contents or vim.NIL
  step('hover')

  local last = vim.api.nvim_buf_line_count(bufnr) - 1
  local completion = request('textDocument/completion', { textDocument = { uri = uri }, position = { line = last, character = 0 } })
  local items = completion and (completion.items or completion) or {}
  result.completion = {}
  for _, it in ipairs(items) do
    table.insert(result.completion, { label = it.label, format = it.insertTextFormat, text = it.textEdit and it.textEdit.newText or it.insertText })
  end
  step('completion')
  vim.lsp.stop_client(client_id)
  vim.wait(TIMEOUT, function() return vim.lsp.get_client_by_id(client_id) == nil end, 10)
  step('stopped')
end

local ok, err = pcall(run)
result.ok = ok
result.error = err and tostring(err) or vim.NIL
local f = assert(io.open(os.getenv('M1_RESULT'), 'w'))
f:write(vim.fn.json_encode(result))
f:close()
vim.cmd('qa!')
