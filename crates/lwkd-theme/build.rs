// include_dir! does not tell cargo which files it read: rebuild when the embedded theme changes.
fn main() {
    println!("cargo:rerun-if-changed=../../themes/default");
    println!("cargo:rerun-if-changed=../../static");
}
