use std::io::{self, Read};

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).expect("read stdin");
    let words = input.split_whitespace().count();
    println!("{words} words");
}
