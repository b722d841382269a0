import express from 'express';

const app = express();
const todos: { id: number; title: string }[] = [];

app.use(express.json());
app.get('/todos', (_req, res) => res.json(todos));
app.post('/todos', (req, res) => {
  const todo = { id: todos.length + 1, title: String(req.body.title ?? '') };
  todos.push(todo);
  res.status(201).json(todo);
});

app.listen(Number(process.env.PORT ?? 3000));
