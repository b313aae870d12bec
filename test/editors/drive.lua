-- Drives Neovim's own LSP client as a user would, after the recipe of docs/other-editors.md (init.lua) has set it
-- up: opens each probe's file, hovers the needle and goes to its definition, and writes what
-- Neovim got to a JSON file. Run by neovim.test.ts as `nvim --headless -u init.lua -c 'luafile drive.lua'`.
local spec = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('POLICY_LENS_PROBES')), '\n'))
local results = {}

local function attached_client()
  for _, client in pairs(vim.lsp.buf_get_clients(0)) do
    -- The recipes name it policy-lens, or policy_lens as lspconfig names its configs.
    if client.name:match('^policy[-_]lens$') and client.initialized then return client end
  end
end

local function probe(p)
  vim.cmd('edit ' .. vim.fn.fnameescape(p.file))
  assert(vim.wait(20000, attached_client, 20), 'the recipe attached no initialized policy-lens client to ' .. p.file)
  -- Neovim counts bytes; LSP counts UTF-16 code units: the position is converted as the client does.
  local found = vim.fn.searchpos('\\V' .. vim.fn.escape(p.needle, '\\'), 'cw')
  assert(found[1] > 0, p.needle .. ' is in ' .. p.file)
  local row, byte_col = found[1], found[2] - 1
  local line = vim.api.nvim_buf_get_lines(0, row - 1, row, true)[1]
  local _, utf16_col = vim.str_utfindex(line, byte_col)
  local position = { line = row - 1, character = utf16_col }
  local result = { file = p.file, needle = p.needle, position = position, hover = vim.NIL }
  local answers = vim.lsp.buf_request_sync(0, 'textDocument/hover', { textDocument = { uri = vim.uri_from_bufnr(0) }, position = position }, 10000)
  for _, answer in pairs(answers or {}) do
    if answer.result and answer.result.contents then result.hover = answer.result.contents.value end
  end
  if p.definition then
    -- The user's command: Neovim jumps to the first location (and lists them all in the quickfix list).
    vim.api.nvim_win_set_cursor(0, { row, byte_col })
    local before = { vim.api.nvim_get_current_buf(), unpack(vim.api.nvim_win_get_cursor(0)) }
    vim.lsp.buf.definition()
    -- Done when the buffer or the cursor moved (the first citation may be in the same article).
    vim.wait(10000, function()
      local cursor = vim.api.nvim_win_get_cursor(0)
      return vim.api.nvim_get_current_buf() ~= before[1] or cursor[1] ~= before[2] or cursor[2] ~= before[3]
    end, 20)
    -- The quickfix window may have taken the focus: the jump happened in the window before it.
    if vim.bo.buftype == 'quickfix' then vim.cmd('wincmd p') end
    local cursor = vim.api.nvim_win_get_cursor(0)
    local text = vim.api.nvim_buf_get_lines(0, cursor[1] - 1, cursor[1], true)[1]
    result.opened = { file = vim.api.nvim_buf_get_name(0), text = text:sub(cursor[2] + 1) }
    vim.cmd('cclose')
  end
  table.insert(results, result)
end

local ok, err = pcall(function()
  for _, p in ipairs(spec.probes) do probe(p) end
end)
vim.fn.writefile({ vim.fn.json_encode({ results = results, error = ok and vim.NIL or tostring(err) }) }, spec.output)
vim.cmd('qall!')
