package dev.tracekit.traced;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Makes sure an auto-proxy creator exists, so the advisor is applied without any
 * {@code @Enable...} annotation or AspectJ on the classpath. An existing creator (Spring Boot's,
 * or one from {@code @EnableAspectJAutoProxy}, {@code @EnableCaching}, ...) is kept. Either way
 * {@code spring.aop.proxy-target-class} is honoured as Spring Boot's AOP auto-configuration
 * honours it: class-based proxies unless it is set to false, so the kind of proxy a bean gets does
 * not depend on which configuration registered the creator first.
 */
final class AutoProxyCreatorRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
		if (this.environment == null || this.environment.getProperty("spring.aop.proxy-target-class", Boolean.class, true)) {
			AopConfigUtils.forceAutoProxyCreatorToUseClassProxying(registry);
		}
	}

}
