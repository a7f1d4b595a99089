use clap::Parser;
use mentorhub_server::cli::{self, Cli};

fn main() {
    tune_allocator();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a Tokio runtime");
    let cli = Cli::parse();
    if let Err(err) = runtime.block_on(cli::run(cli)) {
        eprintln!("mentorhub: {err:#}");
        std::process::exit(1);
    }
}

/// glibc's malloc raises its mmap threshold to the size of the largest
/// block freed, so after the first password hash every 7 MiB argon2 work
/// area came from a per-thread arena and stayed resident (RSS grew to
/// hundreds of MiB through a burst of sign-ins). A fixed 1 MiB threshold
/// keeps large blocks in their own mappings, returned to the system when
/// freed. jemalloc and mimalloc were measured too (BENCHMARKS.md, "Memory"):
/// faster on small allocations, but both kept more after sign-in bursts.
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn mallopt(param: i32, value: i32) -> i32;
        }
        const M_MMAP_THRESHOLD: i32 = -3;
        // SAFETY: mallopt only changes malloc's tuning; it is called before
        // any other thread exists.
        unsafe {
            mallopt(M_MMAP_THRESHOLD, 1 << 20);
        }
    }
}
