//! Walking the syntax tree: every call of a handler, in the order written.
//! The recursion is as deep as the tree, which the parser's caps bound.

use super::tree::{Block, Call, Expr, ExprKind, Function, FunctionBody, Handler, Stmt, StmtKind};

impl Handler {
    /// Every call in the handler, in the order their text starts (a call
    /// before the calls in its arguments).
    pub fn calls(&self) -> Vec<&Call> {
        let mut calls = Vec::new();
        function(&self.function, &mut calls);
        calls
    }
}

fn function<'t>(f: &'t Function, calls: &mut Vec<&'t Call>) {
    match &f.body {
        FunctionBody::Block(b) => block(b, calls),
        FunctionBody::Expr(e) => expr(e, calls),
    }
}

fn block<'t>(b: &'t Block, calls: &mut Vec<&'t Call>) {
    for s in &b.stmts {
        stmt(s, calls);
    }
}

fn stmt<'t>(s: &'t Stmt, calls: &mut Vec<&'t Call>) {
    match &s.kind {
        StmtKind::Decl { value, .. } => value.iter().for_each(|v| expr(v, calls)),
        StmtKind::Expr(e) => expr(e, calls),
        StmtKind::Return(value) => value.iter().for_each(|v| expr(v, calls)),
        StmtKind::If {
            cond,
            then,
            otherwise,
        } => {
            expr(cond, calls);
            stmt(then, calls);
            otherwise.iter().for_each(|o| stmt(o, calls));
        }
        StmtKind::Try { body, handler, .. } => {
            block(body, calls);
            block(handler, calls);
        }
        StmtKind::Block(b) => block(b, calls),
        StmtKind::Empty => {}
    }
}

fn expr<'t>(e: &'t Expr, calls: &mut Vec<&'t Call>) {
    match &e.kind {
        ExprKind::Call(call) => {
            calls.push(call);
            expr(&call.callee, calls);
            call.args.iter().for_each(|a| expr(a, calls));
        }
        ExprKind::Array(items) => items.iter().for_each(|i| expr(i, calls)),
        ExprKind::Member { object, .. } => expr(object, calls),
        ExprKind::Await(inner) | ExprKind::Not(inner) => expr(inner, calls),
        ExprKind::Binary { left, right, .. } => {
            expr(left, calls);
            expr(right, calls);
        }
        ExprKind::Function(f) => function(f, calls),
        ExprKind::Name(_)
        | ExprKind::Str(_)
        | ExprKind::Number(_)
        | ExprKind::Bool(_)
        | ExprKind::Null => {}
    }
}
